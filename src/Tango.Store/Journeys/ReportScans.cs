using System.Data.Common;
using Dapper;

namespace Tango.Store.Journeys;

/// <summary>A purchase as the replenishment scan reads it: who, when, and the event's data holding the lines.</summary>
public sealed class StoredPurchase
{
    public string MemberId { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public string Data { get; init; } = "{}";
}

/// <summary>One member's quarter in their own numbers, for the value report.</summary>
public sealed class QuarterFigures
{
    public string MemberId { get; init; } = "";
    public long Purchases { get; init; }
    public long SpentMinor { get; init; }
    public long PointsEarned { get; init; }
    public long PointsRedeemed { get; init; }
    public long PointsExpired { get; init; }
    public long WalletEarnedMinor { get; init; }
    public long RewardsUsed { get; init; }
}

/// <summary>The reads behind the replenishment and quarterly value report triggers.</summary>
public static class ReportScans
{
    /// <summary>The tenant's purchases since <paramref name="since"/> by members not erased, oldest first.</summary>
    public static async Task<IReadOnlyList<StoredPurchase>> PurchasesSinceAsync(DbConnection connection, string tenantId, DateTimeOffset since) =>
        (await connection.QueryAsync<StoredPurchase>(
            """
            SELECT e.member_id, e.occurred_at, e.data FROM events e
            JOIN members m ON m.tenant_id = e.tenant_id AND m.member_id = e.member_id
            WHERE e.tenant_id = @tenantId AND e.type = 'purchase' AND e.occurred_at >= @since AND m.erased_at IS NULL
            ORDER BY e.occurred_at
            """, new { tenantId, since })).ToList();

    /// <summary>
    /// The members with something to report in [from, to) (a purchase or a points line), with their figures, less
    /// those who already entered the journey for <paramref name="occasion"/> (so a rescan in the same quarter is cheap).
    /// Points earned are every credit and debit but redemptions and expiry (purchases less claw-backs, bonuses,
    /// adjustments), so refunds net out of what was spent and earned as they net out of the balance.
    /// </summary>
    public static async Task<IReadOnlyList<QuarterFigures>> QuarterAsync(DbConnection connection, string tenantId, string journeyKey,
        string occasion, DateTimeOffset from, DateTimeOffset to) =>
        (await connection.QueryAsync<QuarterFigures>(
            """
            WITH o AS (
                SELECT member_id, count(*) AS purchases, CAST(sum(total_minor - refunded_minor) AS bigint) AS spent_minor FROM orders
                WHERE tenant_id = @tenantId AND occurred_at >= @from AND occurred_at < @to GROUP BY member_id
            ), l AS (
                SELECT member_id,
                    CAST(sum(CASE WHEN account = 'points' AND kind NOT IN ('redeem', 'redeem-cancel', 'expire') THEN amount ELSE 0 END) AS bigint) AS points_earned,
                    CAST(sum(CASE WHEN account = 'points' AND kind IN ('redeem', 'redeem-cancel') THEN -amount ELSE 0 END) AS bigint) AS points_redeemed,
                    CAST(sum(CASE WHEN account = 'points' AND kind = 'expire' THEN -amount ELSE 0 END) AS bigint) AS points_expired,
                    CAST(sum(CASE WHEN account = 'wallet' AND kind IN ('cashback', 'clawback') THEN amount ELSE 0 END) AS bigint) AS wallet_earned_minor
                FROM ledger_lines WHERE tenant_id = @tenantId AND at >= @from AND at < @to GROUP BY member_id
            ), r AS (
                SELECT member_id, count(*) AS rewards_used FROM redemptions
                WHERE tenant_id = @tenantId AND reward_id IS NOT NULL AND status = 'active' AND created_at >= @from AND created_at < @to
                GROUP BY member_id
            ), who AS (SELECT member_id FROM o UNION SELECT member_id FROM l)
            SELECT who.member_id, COALESCE(o.purchases, 0) AS purchases, COALESCE(o.spent_minor, 0) AS spent_minor,
                COALESCE(l.points_earned, 0) AS points_earned, COALESCE(l.points_redeemed, 0) AS points_redeemed,
                COALESCE(l.points_expired, 0) AS points_expired, COALESCE(l.wallet_earned_minor, 0) AS wallet_earned_minor,
                COALESCE(r.rewards_used, 0) AS rewards_used
            FROM who
            JOIN members m ON m.tenant_id = @tenantId AND m.member_id = who.member_id AND m.erased_at IS NULL
            LEFT JOIN o ON o.member_id = who.member_id
            LEFT JOIN l ON l.member_id = who.member_id
            LEFT JOIN r ON r.member_id = who.member_id
            WHERE NOT EXISTS (SELECT 1 FROM journey_entries je WHERE je.tenant_id = @tenantId AND je.journey_key = @journeyKey
                              AND je.member_id = who.member_id AND je.occasion = @occasion)
            ORDER BY who.member_id
            """, new { tenantId, journeyKey, occasion, from, to })).ToList();
}
