using System.Data.Common;
using Dapper;
using Tango.Domain.Referrals;
using Tango.Store.Infrastructure;

namespace Tango.Store.Referrals;

/// <summary>Members' referral codes: issued once per member, unique within the tenant (a unique key decides).</summary>
internal static class ReferralCodeSql
{
    private const int Attempts = 8;

    /// <summary>The member's code, issuing one if it has none yet.</summary>
    public static async Task<string> EnsureAsync(WriteScope scope, string tenantId, string memberId, DateTimeOffset now)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await CodeOfAsync(scope.Connection, scope.Transaction, tenantId, memberId) is { } existing)
            {
                return existing;
            }
            // ON CONFLICT DO NOTHING: a code another member holds (or a code another node just gave this member) is no
            // error that would abort the transaction; look again and draw anew.
            var code = ReferralCodes.Generate();
            if (await scope.Connection.ExecuteAsync(
                    """
                    INSERT INTO referral_codes (tenant_id, member_id, code, created_at) VALUES (@tenantId, @memberId, @code, @now)
                    ON CONFLICT DO NOTHING
                    """, new { tenantId, memberId, code, now }, scope.Transaction) == 1)
            {
                return code;
            }
        }
        throw new InvalidOperationException($"No free referral code after {Attempts} draws.");
    }

    public static Task<string?> CodeOfAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId) =>
        connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT code FROM referral_codes WHERE tenant_id = @tenantId AND member_id = @memberId", new { tenantId, memberId }, tx);

    public static Task<string?> OwnerOfAsync(DbConnection connection, DbTransaction? tx, string tenantId, string code) =>
        connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT member_id FROM referral_codes WHERE tenant_id = @tenantId AND code = @code", new { tenantId, code }, tx);
}
