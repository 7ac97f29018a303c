using Dapper;
using Tango.Domain.Insiders;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Store.Insiders;

/// <summary>Insider groups, invitations, answers and feedback, each inside a write transaction.</summary>
public sealed class InsiderWrites(TimeProvider clock)
{
    public async Task<StoredResponse> PutGroupAsync(WriteScope scope, string tenantId, string key, InsiderGroupInput input)
    {
        var now = clock.GetUtcNow();
        var updated = await scope.Connection.ExecuteAsync(
            """
            UPDATE insider_groups SET name = @Name, description = @Description, status = @Status, updated_at = @now
            WHERE tenant_id = @tenantId AND group_key = @key
            """, new { input.Name, input.Description, input.Status, now, tenantId, key }, scope.Transaction);
        if (updated == 0)
        {
            await scope.Connection.ExecuteAsync(
                """
                INSERT INTO insider_groups (tenant_id, group_key, name, description, status, created_at, updated_at)
                VALUES (@tenantId, @key, @Name, @Description, @Status, @now, @now)
                """, new { tenantId, key, input.Name, input.Description, input.Status, now }, scope.Transaction);
        }
        var view = await InsiderQueries.GroupAsync(scope.Connection, scope.Transaction, tenantId, key);
        return Responses.Json(updated == 0 ? 201 : 200, view!);
    }

    /// <summary>
    /// Invites the audience; members already invited keep their standing. Members named by hand must all exist,
    /// or nobody is invited (the 422 names each unknown one).
    /// </summary>
    public async Task<StoredResponse> InviteAsync(WriteScope scope, string tenantId, string key, InsiderAudience audience)
    {
        if (await OpenGroupAsync(scope, tenantId, key) is { } refused)
        {
            return refused;
        }
        var c = scope.Connection;
        var ids = audience.MemberIds.ToArray();
        if (ids.Length > 0)
        {
            var known = (await c.QueryAsync<string>(
                $"SELECT member_id FROM members WHERE tenant_id = @tenantId AND erased_at IS NULL AND {InList.Sql(c, "member_id", "ids")}",
                new { tenantId, ids }, scope.Transaction)).ToHashSet(StringComparer.Ordinal);
            var unknown = ids.Select((id, i) => (id, i)).Where(x => !known.Contains(x.id))
                .ToDictionary(x => $"memberIds[{x.i}]", x => new[] { $"There is no member '{x.id}'." });
            if (unknown.Count > 0)
            {
                return Responses.Problem(422, "validation", "The request is not valid", "Some members named do not exist.", unknown);
            }
        }
        var now = clock.GetUtcNow();
        var invited = 0;
        const string insert = """
            INSERT INTO insider_invitations (tenant_id, group_key, member_id, invited_via, invited_at, status)
            SELECT m.tenant_id, @key, m.member_id, @via, @now, 'invited' FROM members m
            WHERE m.tenant_id = @tenantId AND m.erased_at IS NULL AND {0}
            ON CONFLICT DO NOTHING
            """;
        if (ids.Length > 0)
        {
            invited += await c.ExecuteAsync(string.Format(insert, InList.Sql(c, "m.member_id", "ids")),
                new { tenantId, key, via = InsiderVia.Hand, now, ids }, scope.Transaction);
        }
        if (audience.Tiers.Count > 0)
        {
            var tiers = audience.Tiers.ToArray();
            // A member never moved is in the program's first tier.
            var orBase = audience.BaseTier is { } b && tiers.Contains(b) ? " OR m.tier_id IS NULL" : "";
            invited += await c.ExecuteAsync(string.Format(insert, $"({InList.Sql(c, "m.tier_id", "tiers")}{orBase})"),
                new { tenantId, key, via = InsiderVia.Tier, now, tiers }, scope.Transaction);
        }
        if (audience.Segments.Count > 0)
        {
            var segments = audience.Segments.ToArray();
            invited += await c.ExecuteAsync(string.Format(insert,
                $"EXISTS (SELECT 1 FROM member_insights i WHERE i.tenant_id = m.tenant_id AND i.member_id = m.member_id AND {InList.Sql(c, "i.rfm_segment", "segments")})"),
                new { tenantId, key, via = InsiderVia.Segment, now, segments }, scope.Transaction);
        }
        var counts = (await InsiderQueries.GroupAsync(c, scope.Transaction, tenantId, key))!.Counts;
        return Responses.Json(200, new { invited, counts });
    }

    public async Task<StoredResponse> AnswerAsync(WriteScope scope, string tenantId, string key, string memberId, bool accept)
    {
        if (await OpenGroupAsync(scope, tenantId, key) is { } refused)
        {
            return refused;
        }
        var invitation = await InsiderQueries.InvitationAsync(scope.Connection, scope.Transaction, tenantId, key, memberId);
        if (invitation is null)
        {
            return Responses.NotFound($"An invitation of member '{memberId}' to '{key}'");
        }
        var (status, _) = InsiderAnswers.Answer(invitation.Status, accept);
        if (status != invitation.Status)
        {
            await scope.Connection.ExecuteAsync(
                """
                UPDATE insider_invitations SET status = @status, responded_at = @now
                WHERE tenant_id = @tenantId AND group_key = @key AND member_id = @memberId
                """, new { status, now = clock.GetUtcNow(), tenantId, key, memberId }, scope.Transaction);
        }
        return Responses.Json(200, (await InsiderQueries.InvitationAsync(scope.Connection, scope.Transaction, tenantId, key, memberId))!);
    }

    public async Task<StoredResponse> AddFeedbackAsync(WriteScope scope, string tenantId, string key, string memberId, int? rating, string text)
    {
        if (await InsiderQueries.GroupAsync(scope.Connection, scope.Transaction, tenantId, key) is null)
        {
            return Responses.NotFound($"Insider group '{key}'");
        }
        var invitation = await InsiderQueries.InvitationAsync(scope.Connection, scope.Transaction, tenantId, key, memberId);
        if (InsiderAnswers.FeedbackRefusal(invitation?.Status) is { } refusal)
        {
            return Responses.Problem(409, "not-an-insider", "Not an insider", refusal);
        }
        var feedback = new InsiderFeedback(Ids.New("ifb", clock), key, memberId, clock.GetUtcNow(), rating, text);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO insider_feedback (tenant_id, feedback_id, group_key, member_id, at, rating, text)
            VALUES (@tenantId, @FeedbackId, @Group, @MemberId, @At, @Rating, @Text)
            """, new { tenantId, feedback.FeedbackId, feedback.Group, feedback.MemberId, feedback.At, feedback.Rating, feedback.Text },
            scope.Transaction);
        return Responses.Json(201, feedback);
    }

    /// <summary>GDPR erasure: what a member wrote goes, and their place in the groups with it.</summary>
    public static async Task EraseAsync(WriteScope scope, string tenantId, string memberId)
    {
        await scope.Connection.ExecuteAsync("DELETE FROM insider_feedback WHERE tenant_id = @tenantId AND member_id = @memberId",
            new { tenantId, memberId }, scope.Transaction);
        await scope.Connection.ExecuteAsync("DELETE FROM insider_invitations WHERE tenant_id = @tenantId AND member_id = @memberId",
            new { tenantId, memberId }, scope.Transaction);
    }

    private static async Task<StoredResponse?> OpenGroupAsync(WriteScope scope, string tenantId, string key)
    {
        var group = await InsiderQueries.GroupAsync(scope.Connection, scope.Transaction, tenantId, key);
        return group is null ? Responses.NotFound($"Insider group '{key}'")
            : group.Status != "open" ? Responses.Problem(409, "group-closed", "Group closed", $"Insider group '{key}' is closed.")
            : null;
    }
}
