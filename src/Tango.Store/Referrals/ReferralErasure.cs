using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Referrals;

/// <summary>
/// GDPR erasure: the member's referral code and card hashes go, and the code is taken off the referrals it brought
/// (a dead code then names nobody). The referrals themselves hold only member ids and amounts, like the ledger.
/// </summary>
internal static class ReferralErasure
{
    public static async Task ForgetAsync(WriteScope scope, string tenantId, string memberId)
    {
        var args = new { tenantId, memberId };
        await scope.Connection.ExecuteAsync("DELETE FROM referral_codes WHERE tenant_id = @tenantId AND member_id = @memberId", args, scope.Transaction);
        await scope.Connection.ExecuteAsync("DELETE FROM payment_fingerprints WHERE tenant_id = @tenantId AND member_id = @memberId", args, scope.Transaction);
        await scope.Connection.ExecuteAsync("UPDATE referrals SET code = NULL WHERE tenant_id = @tenantId AND referrer_id = @memberId", args, scope.Transaction);
    }
}
