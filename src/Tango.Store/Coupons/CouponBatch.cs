using Tango.Domain.Coupons;

namespace Tango.Store.Coupons;

/// <summary>A batch to generate, validated at the edge: exactly one of percent and amount.</summary>
public sealed record NewCouponBatch(string Prefix, string Pattern, int Count, decimal? Percent, decimal? Amount, decimal? MinOrder,
    DateTimeOffset? ExpiresAt, long MaxUses, long? PerMemberLimit, string? MemberId);

public sealed record CouponDiscount(decimal? Percent, decimal? Amount);

public sealed record CouponBatchView(string BatchId, string Prefix, string Pattern, int Count, CouponDiscount Discount, string Currency,
    decimal? MinOrder, DateTimeOffset? ExpiresAt, long MaxUses, long? PerMemberLimit, string? MemberId, string? RedemptionId,
    DateTimeOffset CreatedAt, long? Redeemed = null);

public sealed record CouponCodeView(string Code, long Uses, long UsesLeft, string Status);

/// <summary>`POST /v1/coupons:validate`'s answer: valid with the discount on this order, or why not.</summary>
public sealed record CouponValidation(string Code, bool Valid, decimal Discount, string Currency, string? Reason, string Message);

/// <summary>A redeemed code on an order; the same (code, order) always answers this again.</summary>
public sealed record CouponRedemption(string Code, string OrderId, string? MemberId, decimal Discount, string Currency, string BatchId,
    DateTimeOffset RedeemedAt);

/// <summary>A batch row as stored: money in minor units of its currency, the percent in hundredths.</summary>
internal sealed class BatchRow
{
    public const string Columns = """
        b.batch_id, b.prefix, b.pattern, b.count, b.currency, b.percent_hundredths, b.amount_minor, b.min_order_minor, b.expires_at,
        b.max_uses, b.per_member_limit, b.member_id, b.redemption_id, b.created_at
        """;

    public string BatchId { get; init; } = "";
    public string Prefix { get; init; } = "";
    public string Pattern { get; init; } = "";
    public int Count { get; init; }
    public string Currency { get; init; } = "";
    public long? PercentHundredths { get; init; }
    public long? AmountMinor { get; init; }
    public long? MinOrderMinor { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public long MaxUses { get; init; }
    public long? PerMemberLimit { get; init; }
    public string? MemberId { get; init; }
    public string? RedemptionId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public CouponTerms Terms() => new()
    {
        Currency = Currency,
        DiscountPercent = PercentHundredths / 100m,
        DiscountAmount = AmountMinor is { } a ? Tango.Domain.Money.Currency.FromMinor(a, Currency) : null,
        MinOrder = MinOrderMinor is { } m ? Tango.Domain.Money.Currency.FromMinor(m, Currency) : null,
        ExpiresAt = ExpiresAt,
        MaxUses = MaxUses,
        PerMemberLimit = PerMemberLimit,
        MemberId = MemberId,
    };

    public CouponBatchView ToView(long? redeemed = null)
    {
        var terms = Terms();
        return new CouponBatchView(BatchId, Prefix, Pattern, Count, new CouponDiscount(terms.DiscountPercent, terms.DiscountAmount), Currency,
            terms.MinOrder, ExpiresAt, MaxUses, PerMemberLimit, MemberId, RedemptionId, CreatedAt, redeemed);
    }

    public static object Args(string tenantId, string batchId, NewCouponBatch batch, string currency, string? redemptionId, DateTimeOffset now) => new
    {
        tenantId,
        batchId,
        batch.Prefix,
        batch.Pattern,
        batch.Count,
        currency,
        percentHundredths = batch.Percent is { } p ? (long?)decimal.ToInt64(p * 100m) : null,
        amountMinor = batch.Amount is { } a ? (long?)Tango.Domain.Money.Currency.ToMinor(a, currency) : null,
        minOrderMinor = batch.MinOrder is { } m ? (long?)Tango.Domain.Money.Currency.ToMinor(m, currency) : null,
        batch.ExpiresAt,
        batch.MaxUses,
        batch.PerMemberLimit,
        batch.MemberId,
        redemptionId,
        now,
    };

    public const string InsertSql = """
        INSERT INTO coupon_batches (tenant_id, batch_id, prefix, pattern, count, currency, percent_hundredths, amount_minor, min_order_minor,
                                    expires_at, max_uses, per_member_limit, member_id, redemption_id, created_at)
        VALUES (@tenantId, @batchId, @Prefix, @Pattern, @Count, @currency, @percentHundredths, @amountMinor, @minOrderMinor,
                @ExpiresAt, @MaxUses, @PerMemberLimit, @MemberId, @redemptionId, @now)
        """;
}
