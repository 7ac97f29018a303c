using System.Data.Common;
using Dapper;
using Tango.Domain.Money;
using Tango.Store.Tiers;

namespace Tango.Store.Members;

public sealed record ExportedCouponUse(string Code, string OrderId, string BatchId, decimal Discount, DateTimeOffset RedeemedAt);

public sealed record ExportedSurpriseDraw(string Occasion, DateTimeOffset DrawnAt, bool Granted, string? SurpriseId, long CostPoints,
    string Reason);

/// <summary>The member's tier history, coupon uses and surprise draws, for the GDPR export.</summary>
internal static class RewardExport
{
    /// <summary>Every recorded change, oldest first (a member has a handful).</summary>
    public static async Task<IReadOnlyList<TierChange>> TierChangesAsync(DbConnection connection, string tenantId, string memberId) =>
        (await TierSql.HistoryAsync(connection, tenantId, memberId, int.MaxValue, null)).AsEnumerable().Reverse().ToList();

    public static async Task<IReadOnlyList<ExportedCouponUse>> CouponUsesAsync(DbConnection connection, string tenantId, string memberId,
        string currency) =>
        (await connection.QueryAsync<CouponUseRow>(
            """
            SELECT code, order_id, batch_id, discount_minor, redeemed_at FROM coupon_redemptions
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY redeemed_at, code
            """, new { tenantId, memberId }))
        .Select(r => new ExportedCouponUse(r.Code, r.OrderId, r.BatchId, Currency.FromMinor(r.DiscountMinor, currency), r.RedeemedAt)).ToList();

    public static async Task<IReadOnlyList<ExportedSurpriseDraw>> SurprisesAsync(DbConnection connection, string tenantId, string memberId) =>
        (await connection.QueryAsync<SurpriseRow>(
            """
            SELECT occasion, drawn_at, granted, surprise_id, cost_points, reason FROM surprise_draws
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY drawn_at, occasion
            """, new { tenantId, memberId }))
        .Select(r => new ExportedSurpriseDraw(r.Occasion, r.DrawnAt, r.Granted, r.SurpriseId, r.CostPoints, r.Reason)).ToList();

    private sealed class CouponUseRow
    {
        public string Code { get; init; } = "";
        public string OrderId { get; init; } = "";
        public string BatchId { get; init; } = "";
        public long DiscountMinor { get; init; }
        public DateTimeOffset RedeemedAt { get; init; }
    }

    private sealed class SurpriseRow
    {
        public string Occasion { get; init; } = "";
        public DateTimeOffset DrawnAt { get; init; }
        public bool Granted { get; init; }
        public string? SurpriseId { get; init; }
        public long CostPoints { get; init; }
        public string Reason { get; init; } = "";
    }
}
