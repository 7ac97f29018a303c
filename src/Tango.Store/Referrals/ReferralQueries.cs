using System.Data.Common;
using Dapper;
using Tango.Domain.Money;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Referrals;

/// <summary>How a member came in by referral, as the member's referral view and export show it.</summary>
public sealed class ReferredBy
{
    public string ReferrerId { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? Detail { get; init; }
    public DateTimeOffset AttributedAt { get; init; }
    public string? OrderId { get; init; }
    public DateTimeOffset? PurchaseAt { get; init; }
    public long FriendPoints { get; init; }
    public DateTimeOffset? ReversedAt { get; init; }
}

/// <summary>One friend a member referred.</summary>
public sealed class ReferredFriend
{
    public string FriendId { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public DateTimeOffset AttributedAt { get; init; }
    public DateTimeOffset? PurchaseAt { get; init; }
    public long ReferrerPoints { get; init; }
}

/// <summary>GET /v1/members/{id}/referral: the code and link to share, and what the member's referrals brought.</summary>
/// <param name="Invited">Members who signed up with the code.</param>
/// <param name="Qualified">Of them, those whose first purchase paid both sides (and was not reversed).</param>
/// <param name="PointsEarned">Referral points paid to this member as referrer, net of reversals.</param>
/// <param name="RevenueFromReferred">What the referred members spent, net of refunds, in the program's currency.</param>
public sealed record MemberReferral(string Code, string Link, long Invited, long Qualified, long PointsEarned, long Pending, long Refused,
    long Reversed, decimal RevenueFromReferred, ReferredBy? ReferredBy);

/// <summary>GET /v1/referrals/stats: the tenant's referral program in figures.</summary>
public sealed record ReferralStats(long Invited, long Pending, long Qualified, long Reversed, IReadOnlyDictionary<string, long> Refused,
    long Referrers, long ReferrerPointsPaid, long FriendPointsPaid, long PointsPaid, long PointsReversed, decimal RevenueFromReferred,
    string Currency);

public sealed class ReferralQueries(Database db)
{
    private const string CountsSql = """
        SELECT count(*) AS invited,
               coalesce(sum(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0) AS pending,
               coalesce(sum(CASE WHEN status = 'qualified' THEN 1 ELSE 0 END), 0) AS qualified,
               coalesce(sum(CASE WHEN status = 'refused' THEN 1 ELSE 0 END), 0) AS refused,
               coalesce(sum(CASE WHEN status = 'reversed' THEN 1 ELSE 0 END), 0) AS reversed,
               coalesce(sum(CASE WHEN status = 'qualified' THEN referrer_points ELSE 0 END), 0) AS referrer_points,
               coalesce(sum(CASE WHEN status = 'qualified' THEN friend_points ELSE 0 END), 0) AS friend_points,
               coalesce(sum(CASE WHEN status = 'reversed' THEN referrer_points + friend_points ELSE 0 END), 0) AS reversed_points,
               count(DISTINCT referrer_id) AS referrers
        FROM referrals WHERE tenant_id = @tenantId
        """;

    /// <summary>The member's code, if it has one yet; null also when the member is unknown or erased.</summary>
    public async Task<string?> CodeAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ReferralCodeSql.CodeOfAsync(connection, null, tenantId, memberId);
    }

    /// <summary>
    /// Issues the member's code (a member enrolled by an event has none until it is asked for). Answers 200 with the
    /// code, or 404 when the member is unknown or erased.
    /// </summary>
    public static async Task<StoredResponse> IssueCodeAsync(WriteScope scope, string tenantId, string memberId, DateTimeOffset now)
    {
        var member = await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return Responses.NotFound($"Member '{memberId}'");
        }
        return Responses.Json(200, new { code = await ReferralCodeSql.EnsureAsync(scope, tenantId, memberId, now) });
    }

    /// <summary>The member's referral figures around its <paramref name="code"/>; null when the member is unknown or erased.</summary>
    public async Task<MemberReferral?> ForMemberAsync(string tenantId, string memberId, string code, string link, string currency,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return null;
        }
        var counts = await connection.QuerySingleAsync<Counts>(CountsSql + " AND referrer_id = @memberId", new { tenantId, memberId });
        var revenue = await RevenueAsync(connection, null, tenantId, memberId);
        var by = await ReferredByAsync(connection, null, tenantId, memberId);
        return new MemberReferral(code, link, counts.Invited, counts.Qualified, counts.ReferrerPoints, counts.Pending, counts.Refused,
            counts.Reversed, Currency.FromMinor(revenue, currency), by);
    }

    public async Task<ReferralStats> ForTenantAsync(string tenantId, string currency, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var counts = await connection.QuerySingleAsync<Counts>(CountsSql, new { tenantId });
        var refused = (await connection.QueryAsync<(string Reason, long Count)>(
            "SELECT coalesce(reason, 'unknown'), count(*) FROM referrals WHERE tenant_id = @tenantId AND status = 'refused' GROUP BY reason",
            new { tenantId })).ToDictionary(r => r.Reason, r => r.Count, StringComparer.Ordinal);
        var revenue = await RevenueAsync(connection, null, tenantId, null);
        return new ReferralStats(counts.Invited, counts.Pending, counts.Qualified, counts.Reversed, refused, counts.Referrers,
            counts.ReferrerPoints, counts.FriendPoints, counts.ReferrerPoints + counts.FriendPoints, counts.ReversedPoints,
            Currency.FromMinor(revenue, currency), currency);
    }

    /// <summary>What referred members spent net of refunds: of one referrer's friends, or of every referred member.</summary>
    private static Task<long> RevenueAsync(DbConnection connection, DbTransaction? tx, string tenantId, string? referrerId) =>
        connection.ExecuteScalarAsync<long>(
            $"""
            SELECT coalesce(sum(o.total_minor - o.refunded_minor), 0)
            FROM referrals r JOIN orders o ON o.tenant_id = r.tenant_id AND o.member_id = r.friend_id
            WHERE r.tenant_id = @tenantId{(referrerId is null ? "" : " AND r.referrer_id = @referrerId")}
            """, new { tenantId, referrerId }, tx);

    internal static Task<ReferredBy?> ReferredByAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId) =>
        connection.QuerySingleOrDefaultAsync<ReferredBy>(
            """
            SELECT referrer_id, status, reason, detail, attributed_at, order_id, purchase_at, friend_points, reversed_at
            FROM referrals WHERE tenant_id = @tenantId AND friend_id = @memberId
            """, new { tenantId, memberId }, tx);

    internal static async Task<IReadOnlyList<ReferredFriend>> FriendsAsync(DbConnection connection, string tenantId, string memberId) =>
        (await connection.QueryAsync<ReferredFriend>(
            """
            SELECT friend_id, status, reason, attributed_at, purchase_at, referrer_points
            FROM referrals WHERE tenant_id = @tenantId AND referrer_id = @memberId ORDER BY attributed_at, friend_id
            """, new { tenantId, memberId })).ToList();

    private sealed class Counts
    {
        public long Invited { get; init; }
        public long Pending { get; init; }
        public long Qualified { get; init; }
        public long Refused { get; init; }
        public long Reversed { get; init; }
        public long ReferrerPoints { get; init; }
        public long FriendPoints { get; init; }
        public long ReversedPoints { get; init; }
        public long Referrers { get; init; }
    }
}
