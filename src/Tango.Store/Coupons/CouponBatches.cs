using Dapper;
using Tango.Domain.Coupons;
using Tango.Domain.Programs;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Store.Coupons;

/// <summary>
/// Generates batches of codes inside one write: the batch and all its codes commit together or not at all.
/// Codes are unique across the store by the coupons table's key; one taken already is drawn again.
/// </summary>
public sealed class CouponBatches(TimeProvider clock)
{
    public async Task<StoredResponse> CreateAsync(WriteScope scope, string tenantId, NewCouponBatch batch, string currency)
    {
        var now = clock.GetUtcNow();
        var batchId = Ids.New("cpb", clock);
        await scope.Connection.ExecuteAsync(BatchRow.InsertSql, BatchRow.Args(tenantId, batchId, batch, currency, null, now), scope.Transaction);
        await CouponCodeWrites.InsertAsync(scope, tenantId, batchId, batch.Count,
            missing => CouponCodes.Generate(batch.Prefix, batch.Pattern, missing));
        var row = new BatchRow
        {
            BatchId = batchId,
            Prefix = batch.Prefix,
            Pattern = batch.Pattern,
            Count = batch.Count,
            Currency = currency,
            PercentHundredths = batch.Percent is { } p ? decimal.ToInt64(p * 100m) : null,
            AmountMinor = batch.Amount is { } a ? Domain.Money.Currency.ToMinor(a, currency) : null,
            MinOrderMinor = batch.MinOrder is { } m ? Domain.Money.Currency.ToMinor(m, currency) : null,
            ExpiresAt = batch.ExpiresAt,
            MaxUses = batch.MaxUses,
            PerMemberLimit = batch.PerMemberLimit,
            MemberId = batch.MemberId,
            CreatedAt = now,
        };
        return Responses.Json(201, row.ToView());
    }

    /// <summary>
    /// The code a coupon reward's redemption issues, as a one-code batch of its own (member-bound, single use,
    /// the reward's discount), so the checkout can validate and redeem it like any other code.
    /// </summary>
    internal static async Task IssueForRewardAsync(WriteScope scope, string tenantId, string memberId, string redemptionId, string code,
        RewardDefinition reward, string currency, DateTimeOffset now)
    {
        var batch = new NewCouponBatch("", "", 1, reward.DiscountPercent, reward.DiscountPercent is null ? reward.DiscountAmount ?? 0m : null,
            null, null, 1, null, memberId);
        await scope.Connection.ExecuteAsync(BatchRow.InsertSql, BatchRow.Args(tenantId, redemptionId, batch, currency, redemptionId, now), scope.Transaction);
        await scope.Connection.ExecuteAsync(
            "INSERT INTO coupons (code, tenant_id, batch_id, uses, status) VALUES (@code, @tenantId, @redemptionId, 0, 'active')",
            new { code, tenantId, redemptionId }, scope.Transaction);
    }

    /// <summary>Voids a reward's code when its redemption is cancelled; false when the code was already used.</summary>
    internal static async Task<bool> VoidForRedemptionAsync(WriteScope scope, string tenantId, string redemptionId)
    {
        // Guarded like a redemption, so a checkout using the code at the same moment either wins or finds it void.
        var voided = await scope.Connection.ExecuteAsync(
            "UPDATE coupons SET status = 'void' WHERE tenant_id = @tenantId AND batch_id = @redemptionId AND uses = 0",
            new { tenantId, redemptionId }, scope.Transaction);
        return voided > 0 || await scope.Connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM coupons WHERE tenant_id = @tenantId AND batch_id = @redemptionId",
            new { tenantId, redemptionId }, scope.Transaction) == 0;
    }
}
