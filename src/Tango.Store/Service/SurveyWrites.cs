using System.Text.Json;
using Dapper;
using Tango.Domain.Service;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Service;

/// <summary>
/// Records NPS and CSAT answers. A detractor answer (NPS 0–6, CSAT 1–2) opens its service-recovery case in
/// the same transaction, so a retried answer can never open a second one.
/// </summary>
public sealed class SurveyWrites(RecoveryCases recovery, TimeProvider clock)
{
    /// <summary>`POST /v1/surveys/responses`: an answer collected by the business itself (CRM, till, app).</summary>
    public async Task<StoredResponse> RecordAsync(WriteScope scope, string tenantId, NewSurveyResponse answer)
    {
        var member = await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, answer.MemberId);
        if (member is null || member.ErasedAt is not null)
        {
            return MemberNotFound(answer.MemberId);
        }
        TicketRow? ticket = null;
        if (answer.TicketId is not null)
        {
            ticket = await TicketSql.FindAsync(scope.Connection, scope.Transaction, tenantId, answer.TicketId);
            if (ticket is null || ticket.MemberId != answer.MemberId)
            {
                return Responses.Invalid("ticketId", $"Member '{answer.MemberId}' has no ticket '{answer.TicketId}'.");
            }
        }
        return Responses.Json(201, await InsertAsync(scope, tenantId, answer, null, ticket));
    }

    internal static StoredResponse MemberNotFound(string memberId) =>
        Responses.Problem(404, "not-found", "Not found", $"Member '{memberId}' was not found.",
            new Dictionary<string, string[]> { ["memberId"] = ["No such member."] });

    internal async Task<SurveyResponse> InsertAsync(WriteScope scope, string tenantId, NewSurveyResponse answer, string? invitationId, TicketRow? ticket)
    {
        var now = clock.GetUtcNow();
        var responseId = Ids.New("svr", clock);
        var channel = ticket?.Channel ?? await PurchaseChannelAsync(scope, tenantId, answer.MemberId, answer.OrderId);
        var tier = await scope.Connection.ExecuteScalarAsync<string?>(
            "SELECT tier_id FROM members WHERE tenant_id = @tenantId AND member_id = @MemberId", new { tenantId, answer.MemberId }, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO survey_responses (tenant_id, member_id, response_id, kind, score, comment, order_id, ticket_id, invitation_id,
                                          channel, tier_id, answered_at, answered_on)
            VALUES (@tenantId, @MemberId, @responseId, @kind, @Score, @Comment, @OrderId, @TicketId, @invitationId,
                    @channel, @tier, @now, @day)
            """,
            new
            {
                tenantId,
                answer.MemberId,
                responseId,
                kind = ServiceNames.Name(answer.Kind),
                answer.Score,
                answer.Comment,
                answer.OrderId,
                answer.TicketId,
                invitationId,
                channel,
                tier,
                now,
                day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }, scope.Transaction);
        string? caseId = null;
        if (SurveyScales.IsDetractor(answer.Kind, answer.Score))
        {
            var about = answer.TicketId is { } t ? $" about ticket {t}" : answer.OrderId is { } o ? $" about order {o}" : "";
            caseId = await recovery.OpenAsync(scope, tenantId, new RecoveryOccasion(answer.MemberId, "survey:" + responseId,
                RecoveryCauses.Detractor, $"{answer.Kind.ToString().ToUpperInvariant()} answer {answer.Score}{about}",
                TicketId: answer.TicketId, ResponseId: responseId));
        }
        return new SurveyResponse(responseId, answer.MemberId, answer.Kind, answer.Score, answer.Comment, answer.OrderId, answer.TicketId,
            invitationId, channel, tier, now, caseId);
    }

    /// <summary>The channel the purchase event named, when the order is the member's and said one.</summary>
    private static async Task<string?> PurchaseChannelAsync(WriteScope scope, string tenantId, string memberId, string? orderId)
    {
        if (orderId is null)
        {
            return null;
        }
        var data = await scope.Connection.ExecuteScalarAsync<string?>(
            """
            SELECT e.data FROM orders o
            JOIN events e ON e.tenant_id = o.tenant_id AND e.member_id = o.member_id AND e.event_id = o.event_id
            WHERE o.tenant_id = @tenantId AND o.order_id = @orderId AND o.member_id = @memberId
            """, new { tenantId, orderId, memberId }, scope.Transaction);
        if (data is null)
        {
            return null;
        }
        using var json = JsonDocument.Parse(data);
        return json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.String
            ? channel.GetString()
            : null;
    }
}
