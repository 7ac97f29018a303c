using Dapper;
using Tango.Domain.Coupons;
using Tango.Domain.Money;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Store.Coupons;

public sealed record CouponRedeemRequest(string Code, string? MemberId, string OrderId, decimal? OrderTotal);

/// <summary>
/// Redeeming a code on an order. The same (code, order) answers the same again, so a checkout may retry
/// freely; the code's row is locked and its uses move with a guarded UPDATE, so a single-use code is used
/// once however many checkouts race for it, and a member's uses of a batch are numbered under a unique key.
/// </summary>
public sealed class CouponRedemptions(TimeProvider clock)
{
    public async Task<StoredResponse> RedeemAsync(WriteScope scope, string tenantId, CouponRedeemRequest request)
    {
        var code = CouponCodes.Normalize(request.Code);
        var row = await CouponSql.FindAsync(scope.Connection, scope.Transaction, tenantId, code, lockCode: true);
        if (row is null)
        {
            return Refused(404, CouponCheck.Unknown(code));
        }
        var earlier = await scope.Connection.QuerySingleOrDefaultAsync<RedemptionRow>(
            """
            SELECT code, order_id, member_id, batch_id, discount_minor, redeemed_at FROM coupon_redemptions
            WHERE tenant_id = @tenantId AND code = @code AND order_id = @OrderId
            """, new { tenantId, code, request.OrderId }, scope.Transaction);
        if (earlier is not null)
        {
            return earlier.MemberId == request.MemberId
                ? Responses.Json(200, earlier.ToView(row.Batch.Currency))
                : Responses.Problem(409, "coupon-order-conflict", "Coupon already redeemed on this order",
                    $"Coupon '{code}' was redeemed on order '{request.OrderId}' for another member.");
        }
        var now = clock.GetUtcNow();
        var memberUses = await CouponSql.MemberUsesAsync(scope.Connection, scope.Transaction, tenantId, row.Batch.BatchId, request.MemberId);
        var verdict = CouponSql.Verdict(row, code, memberUses, request.MemberId, request.OrderTotal, now);
        if (!verdict.Valid)
        {
            return Refused(409, verdict);
        }
        var taken = await scope.Connection.ExecuteAsync(
            "UPDATE coupons SET uses = uses + 1 WHERE code = @code AND tenant_id = @tenantId AND uses < @MaxUses AND status = 'active'",
            new { code, tenantId, row.Batch.MaxUses }, scope.Transaction);
        if (taken == 0)
        {
            return Refused(409, new CouponVerdict(false, 0m, CouponReasons.UsedUp, "The coupon was already used."));
        }
        var discountMinor = Currency.ToMinor(verdict.Discount, row.Batch.Currency);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO coupon_redemptions (tenant_id, code, order_id, batch_id, member_id, member_use, discount_minor, order_total_minor, redeemed_at)
            VALUES (@tenantId, @code, @OrderId, @BatchId, @MemberId, @memberUse, @discountMinor, @orderTotalMinor, @now)
            """,
            new
            {
                tenantId,
                code,
                request.OrderId,
                row.Batch.BatchId,
                request.MemberId,
                memberUse = request.MemberId is null ? (long?)null : memberUses + 1,
                discountMinor,
                orderTotalMinor = request.OrderTotal is { } total ? (long?)Currency.ToMinor(total, row.Batch.Currency) : null,
                now,
            }, scope.Transaction);
        return Responses.Json(200, new CouponRedemption(code, request.OrderId, request.MemberId, verdict.Discount, row.Batch.Currency,
            row.Batch.BatchId, now));
    }

    /// <summary>A refusal names its reason in the problem type, e.g. urn:tango:problem:coupon-used-up.</summary>
    private static StoredResponse Refused(int status, CouponVerdict verdict) =>
        Responses.Problem(status, "coupon-" + verdict.Reason, "Coupon refused", verdict.Message,
            new Dictionary<string, string[]> { ["code"] = [verdict.Message] });

    private sealed class RedemptionRow
    {
        public string Code { get; init; } = "";
        public string OrderId { get; init; } = "";
        public string? MemberId { get; init; }
        public string BatchId { get; init; } = "";
        public long DiscountMinor { get; init; }
        public DateTimeOffset RedeemedAt { get; init; }

        public CouponRedemption ToView(string currency) =>
            new(Code, OrderId, MemberId, Currency.FromMinor(DiscountMinor, currency), currency, BatchId, RedeemedAt);
    }
}
