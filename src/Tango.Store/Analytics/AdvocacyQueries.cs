using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Analytics;

/// <summary>What the analysis counts as advocacy besides NPS: referred friends who qualified, and accepted insider invitations.</summary>
public sealed record MemberAdvocacy(IReadOnlyDictionary<string, int> QualifiedReferrals, IReadOnlySet<string> Insiders);

public sealed class AdvocacyQueries(Database db)
{
    public async Task<MemberAdvocacy> ReadAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var results = await connection.QueryMultipleAsync(
            """
            SELECT referrer_id, CAST(count(*) AS integer) AS friends FROM referrals
            WHERE tenant_id = @tenantId AND status = 'qualified' GROUP BY referrer_id;
            SELECT DISTINCT member_id FROM insider_invitations WHERE tenant_id = @tenantId AND status = 'accepted';
            """, new { tenantId });
        var referrals = (await results.ReadAsync<ReferrerRow>()).ToDictionary(r => r.ReferrerId, r => r.Friends, StringComparer.Ordinal);
        var insiders = (await results.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        return new MemberAdvocacy(referrals, insiders);
    }

    private sealed class ReferrerRow
    {
        public string ReferrerId { get; init; } = "";
        public int Friends { get; init; }
    }
}
