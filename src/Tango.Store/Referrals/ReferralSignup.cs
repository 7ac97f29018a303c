using Dapper;
using Tango.Domain.Referrals;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Referrals;

/// <summary>The referrer a new member was attributed to, by the code they signed up with (normalised).</summary>
internal sealed record Attribution(string ReferrerId, string Code);

/// <summary>
/// Attribution at sign-up (POST /v1/members with referredByCode): the code must belong to a member of the tenant,
/// and the new member must not be the referrer under another id (same email, phone or payment card). Both are
/// checked before anything is written, so a refused sign-up creates no member.
/// </summary>
internal static class ReferralSignup
{
    public static async Task<(Attribution? Attribution, StoredResponse? Problem)> CheckAsync(WriteScope scope, string tenantId, NewMember member)
    {
        if (member.ReferredByCode is not { } sent)
        {
            return (null, null);
        }
        var code = ReferralCodes.Normalize(sent);
        var referrerId = ReferralCodes.IsWellFormed(code) ? await ReferralCodeSql.OwnerOfAsync(scope.Connection, scope.Transaction, tenantId, code) : null;
        var referrer = referrerId is null ? null : await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, referrerId);
        if (referrer is null || referrer.ErasedAt is not null)
        {
            return (null, Responses.Invalid("referredByCode", $"No member of this program has the referral code '{sent}'."));
        }
        var cards = (await scope.Connection.QueryAsync<string>(
            "SELECT fingerprint FROM payment_fingerprints WHERE tenant_id = @tenantId AND member_id = @referrerId",
            new { tenantId, referrerId }, scope.Transaction)).ToList();
        var friendCards = member.PaymentFingerprint is { } card ? [ReferralGuards.HashFingerprint(tenantId, card)] : new List<string>();
        if (ReferralGuards.SelfReferral(new ReferralParty(referrer.Email, referrer.Phone, cards),
                new ReferralParty(member.Email, member.Phone, friendCards)) is { } self)
        {
            var message = $"Self-referral: {self}.";
            return (null, Responses.Problem(422, RefusalReasons.SelfReferral, "Self-referral", message,
                new Dictionary<string, string[]> { ["referredByCode"] = [message] }));
        }
        return (new Attribution(referrerId!, code), null);
    }

    /// <summary>After the member row: the attribution (pending until the first qualifying purchase), the member's own code, its card.</summary>
    public static async Task RecordAsync(WriteScope scope, string tenantId, NewMember member, Attribution? attribution, DateTimeOffset now)
    {
        if (attribution is not null)
        {
            await scope.Connection.ExecuteAsync(
                """
                INSERT INTO referrals (tenant_id, friend_id, referrer_id, code, attributed_at, status)
                VALUES (@tenantId, @friendId, @ReferrerId, @Code, @now, 'pending')
                """, new { tenantId, friendId = member.Id, attribution.ReferrerId, attribution.Code, now }, scope.Transaction);
        }
        await ReferralCodeSql.EnsureAsync(scope, tenantId, member.Id, now);
        if (member.PaymentFingerprint is { } card)
        {
            await scope.Connection.ExecuteAsync(ReferralSql.CardSql,
                new { tenantId, memberId = member.Id, hash = ReferralGuards.HashFingerprint(tenantId, card), now }, scope.Transaction);
        }
    }
}
