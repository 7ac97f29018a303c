using Dapper;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Store.Members;

/// <summary>Member changes, each run inside a write transaction and answered as the API answers.</summary>
public static class MemberWrites
{
    public static async Task<StoredResponse> CreateAsync(WriteScope scope, string tenantId, NewMember member, DateTimeOffset now)
    {
        var existing = await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, member.Id);
        if (existing is not null)
        {
            return Responses.Problem(409, "member-exists", "Member exists", $"A member with id '{member.Id}' already exists.");
        }
        var (attribution, refused) = await Referrals.ReferralSignup.CheckAsync(scope, tenantId, member);
        if (refused is not null)
        {
            return refused;
        }
        var row = await MemberSql.InsertAsync(scope, tenantId, member with { ReferredByCode = attribution?.Code }, now);
        await Referrals.ReferralSignup.RecordAsync(scope, tenantId, member, attribution, now);
        var created = row.ToMember();
        await WebhookNotifications.NotifyAsync(scope, tenantId, "member.created", new { memberId = member.Id, member = created }, now, MemberCreatedSource(member.Id));
        return Responses.Json(201, created);
    }

    public static async Task<StoredResponse> PatchAsync(WriteScope scope, string tenantId, string memberId, MemberPatch patch, DateTimeOffset now)
    {
        var row = await MemberSql.LockAsync(scope, tenantId, memberId);
        if (row is null || row.ErasedAt is not null)
        {
            return Responses.NotFound($"Member '{memberId}'");
        }
        if (patch.Set.Count > 0)
        {
            var sets = string.Join(", ", patch.Set.Keys.Select(column => $"{column} = @{column}"));
            var args = new DynamicParameters(patch.Set);
            args.Add("tenantId", tenantId);
            args.Add("memberId", memberId);
            args.Add("now", now);
            await scope.Connection.ExecuteAsync(
                $"UPDATE members SET {sets}, updated_at = @now WHERE tenant_id = @tenantId AND member_id = @memberId",
                args, scope.Transaction);
        }
        var updated = (await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, memberId))!.ToMember();
        if (patch.Set.Count > 0)
        {
            await WebhookNotifications.NotifyAsync(scope, tenantId, "member.updated", new { memberId, member = updated, changed = patch.Set.Keys.Select(FieldName).ToList() }, now);
        }
        return Responses.Json(200, updated);
    }

    /// <summary>A column as the API names the field: `birth_date` → `birthDate`, `consent_email` → `consent.email`.</summary>
    private static string FieldName(string column) =>
        column.StartsWith("consent_", StringComparison.Ordinal) ? "consent." + column["consent_".Length..]
        : string.Concat(column.Split('_').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>
    /// The source key of a member's `member.created` webhook event, whether created by the API or enrolled by its
    /// first event: a member is announced once.
    /// </summary>
    public static string MemberCreatedSource(string memberId) => "member:" + memberId;

    /// <summary>
    /// GDPR erasure: personal data and markers go; the member id stays as a tombstone so ledger totals
    /// and analytics still add up, and so the same customer id cannot silently start over.
    /// </summary>
    public static async Task<StoredResponse> EraseAsync(WriteScope scope, string tenantId, string memberId, DateTimeOffset now)
    {
        var row = await MemberSql.LockAsync(scope, tenantId, memberId);
        if (row is null || row.ErasedAt is not null)
        {
            return Responses.NotFound($"Member '{memberId}'");
        }
        var args = new { tenantId, memberId, now };
        await scope.Connection.ExecuteAsync(
            """
            UPDATE members SET email = NULL, phone = NULL, name = NULL, birth_date = NULL, time_zone = NULL, locale = NULL,
                               referred_by_code = NULL, consent_email = @no, consent_sms = @no, erased_at = @now, updated_at = @now
            WHERE tenant_id = @tenantId AND member_id = @memberId
            """,
            new { tenantId, memberId, now, no = false }, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            "DELETE FROM markers WHERE tenant_id = @tenantId AND member_id = @memberId", args, scope.Transaction);
        await Analytics.InsightsStore.ForgetAsync(scope, tenantId, memberId);
        await Service.ServiceErasure.ForgetAsync(scope, tenantId, memberId);
        await Journeys.JourneyErasure.ForgetAsync(scope, tenantId, memberId);
        await Insiders.InsiderWrites.EraseAsync(scope, tenantId, memberId);
        await Referrals.ReferralErasure.ForgetAsync(scope, tenantId, memberId);
        // Custom events carry whatever the business sent, so their payloads go too.
        await scope.Connection.ExecuteAsync(
            "UPDATE events SET data = '{}' WHERE tenant_id = @tenantId AND member_id = @memberId AND type LIKE 'custom.%'",
            args, scope.Transaction);
        return new StoredResponse(204, "");
    }
}
