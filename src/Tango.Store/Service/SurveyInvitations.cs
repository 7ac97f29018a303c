using Dapper;
using Tango.Domain.Service;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Service;

/// <summary>
/// Survey invitations: what a journey step (after a purchase, after a ticket is resolved) calls to get a
/// link for the member. One invitation per occasion (member, kind, and the order, the ticket or else the
/// calendar month); one answer per invitation.
/// </summary>
public sealed class SurveyInvitations(ProgramStore programs, SurveyWrites surveys, TimeProvider clock)
{
    public const int DefaultValidDays = 30;

    public async Task<StoredResponse> InviteAsync(WriteScope scope, string tenantId, NewInvitation invitation)
    {
        var member = await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, invitation.MemberId);
        if (member is null || member.ErasedAt is not null)
        {
            return SurveyWrites.MemberNotFound(invitation.MemberId);
        }
        if (invitation.TicketId is not null
            && (await TicketSql.FindAsync(scope.Connection, scope.Transaction, tenantId, invitation.TicketId))?.MemberId != invitation.MemberId)
        {
            return Responses.Invalid("ticketId", $"Member '{invitation.MemberId}' has no ticket '{invitation.TicketId}'.");
        }
        var now = clock.GetUtcNow();
        var occasion = Occasion(invitation, now);
        var kind = ServiceNames.Name(invitation.Kind);
        var existing = await scope.Connection.QuerySingleOrDefaultAsync<InvitationRow>(
            $"""
            SELECT {InvitationRow.Columns} FROM survey_invitations
            WHERE tenant_id = @tenantId AND member_id = @MemberId AND kind = @kind AND occasion = @occasion
            """, new { tenantId, invitation.MemberId, kind, occasion }, scope.Transaction);
        if (existing is not null)
        {
            return Responses.Json(200, existing.ToInvitation(null, null));
        }
        var program = await programs.CurrentAsync(scope, tenantId);
        var token = SurveyTokens.New();
        var row = new InvitationRow
        {
            TenantId = tenantId,
            InvitationId = Ids.New("inv", clock),
            MemberId = invitation.MemberId,
            Kind = kind,
            Occasion = occasion,
            OrderId = invitation.OrderId,
            TicketId = invitation.TicketId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(program.Document.Service?.Surveys?.InvitationValidDays ?? DefaultValidDays),
        };
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO survey_invitations (tenant_id, invitation_id, member_id, kind, occasion, order_id, ticket_id, token_hash, created_at, expires_at)
            VALUES (@TenantId, @InvitationId, @MemberId, @Kind, @Occasion, @OrderId, @TicketId, @hash, @CreatedAt, @ExpiresAt)
            """,
            new { row.TenantId, row.InvitationId, row.MemberId, row.Kind, row.Occasion, row.OrderId, row.TicketId, hash = SurveyTokens.Hash(token), row.CreatedAt, row.ExpiresAt },
            scope.Transaction);
        return Responses.Json(201, row.ToInvitation(token, invitation.AnswerUrl + token));
    }

    /// <summary>"ticket:{id}", "order:{id}", or "month:2026-11" for a survey about no particular occasion.</summary>
    public static string Occasion(NewInvitation invitation, DateTimeOffset now) =>
        invitation.TicketId is { } ticket ? "ticket:" + ticket
        : invitation.OrderId is { } order ? "order:" + order
        : "month:" + now.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The member answers through the link. The invitation row is locked, so of two answers racing with the
    /// same token one is recorded and the other is told 409; a unique index on the answer's invitation backs that up.
    /// </summary>
    public async Task<StoredResponse> AnswerAsync(WriteScope scope, string token, int score, string? comment)
    {
        var row = await scope.Connection.QuerySingleOrDefaultAsync<InvitationRow>(
            $"SELECT {InvitationRow.Columns} FROM survey_invitations WHERE token_hash = @hash{scope.Db.ForUpdate}",
            new { hash = SurveyTokens.Hash(token) }, scope.Transaction);
        if (row is null)
        {
            return Responses.NotFound("The survey invitation");
        }
        if (row.AnsweredAt is not null)
        {
            return Responses.Problem(409, "survey-already-answered", "Already answered", "This survey invitation has already been answered.");
        }
        var now = clock.GetUtcNow();
        if (now >= row.ExpiresAt)
        {
            return Responses.Problem(410, "survey-invitation-expired", "Invitation expired", $"This survey invitation expired at {row.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        }
        var member = await MemberSql.FindAsync(scope.Connection, scope.Transaction, row.TenantId, row.MemberId);
        if (member is null || member.ErasedAt is not null)
        {
            return Responses.Problem(410, "survey-invitation-expired", "Invitation withdrawn", "This survey invitation is no longer valid.");
        }
        var ticket = row.TicketId is null ? null : await TicketSql.FindAsync(scope.Connection, scope.Transaction, row.TenantId, row.TicketId);
        var response = await surveys.InsertAsync(scope, row.TenantId,
            new NewSurveyResponse(row.MemberId, row.SurveyKind, score, comment, row.OrderId, row.TicketId), row.InvitationId, ticket);
        await scope.Connection.ExecuteAsync(
            """
            UPDATE survey_invitations SET answered_at = @now, response_id = @ResponseId
            WHERE tenant_id = @TenantId AND invitation_id = @InvitationId AND answered_at IS NULL
            """, new { now, response.ResponseId, row.TenantId, row.InvitationId }, scope.Transaction);
        return Responses.Json(201, new SurveyReceipt(response.ResponseId, response.Kind, response.Score, response.AnsweredAt));
    }
}
