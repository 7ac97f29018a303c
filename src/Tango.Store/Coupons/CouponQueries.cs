using Dapper;
using Tango.Domain.Coupons;
using Tango.Store.Infrastructure;

namespace Tango.Store.Coupons;

/// <summary>Batches, their codes, and validating a code at the checkout (which changes nothing).</summary>
public sealed class CouponQueries(Database db, TimeProvider clock)
{
    public async Task<CouponBatchView?> BatchAsync(string tenantId, string batchId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<BatchRow>(
            $"SELECT {BatchRow.Columns} FROM coupon_batches b WHERE b.tenant_id = @tenantId AND b.batch_id = @batchId", new { tenantId, batchId });
        if (row is null)
        {
            return null;
        }
        var redeemed = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM coupon_redemptions WHERE tenant_id = @tenantId AND batch_id = @batchId", new { tenantId, batchId });
        return row.ToView(redeemed);
    }

    /// <summary>The batch's codes in code order; the cursor is the last code seen. Null when there is no such batch.</summary>
    public async Task<(IReadOnlyList<CouponCodeView> Items, string? Next)?> CodesAsync(string tenantId, string batchId, int limit, string? after,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var maxUses = await connection.ExecuteScalarAsync<long?>(
            "SELECT max_uses FROM coupon_batches WHERE tenant_id = @tenantId AND batch_id = @batchId", new { tenantId, batchId });
        if (maxUses is null)
        {
            return null;
        }
        var rows = (await connection.QueryAsync<(string Code, long Uses, string Status)>(
            $"""
            SELECT code, uses, status FROM coupons WHERE tenant_id = @tenantId AND batch_id = @batchId
            {(after is null ? "" : "AND code > @after")} ORDER BY code LIMIT @take
            """, new { tenantId, batchId, after, take = limit + 1 })).ToList();
        var items = rows.Take(limit).Select(r => new CouponCodeView(r.Code, r.Uses, Math.Max(0, maxUses.Value - r.Uses), r.Status)).ToList();
        return (items, rows.Count > limit ? items[^1].Code : null);
    }

    public async Task<CouponValidation> ValidateAsync(string tenantId, string code, string? memberId, decimal orderTotal, string currency,
        CancellationToken ct = default)
    {
        var normalized = CouponCodes.Normalize(code);
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await CouponSql.FindAsync(connection, null, tenantId, normalized, lockCode: false);
        var memberUses = row is null ? 0 : await CouponSql.MemberUsesAsync(connection, null, tenantId, row.Batch.BatchId, memberId);
        var verdict = CouponSql.Verdict(row, normalized, memberUses, memberId, orderTotal, clock.GetUtcNow());
        return new CouponValidation(normalized, verdict.Valid, verdict.Discount, row?.Batch.Currency ?? currency, verdict.Reason, verdict.Message);
    }
}
