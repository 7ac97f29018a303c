using System.ComponentModel;
using Tango.Domain.Coupons;
using Tango.Domain.Money;
using Tango.Events;
using Tango.Hosting;
using Tango.Store.Coupons;
using Tango.Store.Idempotency;

namespace Tango.Coupons;

public sealed record DiscountInput(decimal? Percent, decimal? Amount);

public sealed record CreateBatchRequest(string? Prefix, string? Pattern, int? Count, DiscountInput? Discount, decimal? MinOrder, string? ExpiresAt,
    long? MaxUses, long? PerMemberLimit, string? MemberId);

public sealed record ValidateCouponRequest(string? Code, string? MemberId, decimal? OrderTotal);

public sealed record RedeemCouponRequest(string? Code, string? MemberId,
    [property: Description("The shop's order number: " + Hosting.Validate.ShopIdRule)] string? OrderId, decimal? OrderTotal);

/// <summary>Field rules of the coupon endpoints: every broken field is named in one 422, and nothing is written.</summary>
internal static class CouponRequests
{
    public const int MaxBatch = 100_000;
    private const decimal MaxMoney = 1_000_000_000m;

    public static (NewCouponBatch? Batch, StoredResponse? Problem) Validate(CreateBatchRequest request, string currency, DateTimeOffset now, Errors errors)
    {
        var prefix = request.Prefix ?? "";
        if (CouponCodes.CheckPrefix(prefix) is { } badPrefix)
        {
            errors.Add("prefix", badPrefix);
        }
        if (request.Count is not { } count || count < 1 || count > MaxBatch)
        {
            errors.Add("count", $"Required, from 1 to {MaxBatch:N0}.");
            count = 1;
        }
        var pattern = request.Pattern ?? CouponCodes.DefaultPattern;
        if (CouponCodes.CheckPattern(pattern, count) is { } badPattern)
        {
            errors.Add("pattern", badPattern);
        }
        var (percent, amount) = (request.Discount?.Percent, request.Discount?.Amount);
        if (request.Discount is null || (percent is null) == (amount is null))
        {
            errors.Add("discount", "Required, with exactly one of percent and amount.");
        }
        if (percent is { } p && (p <= 0 || p > 100 || decimal.Round(p, 2) != p))
        {
            errors.Add("discount.percent", "Greater than 0 and at most 100, with at most 2 decimals.");
        }
        Money(errors, "discount.amount", amount, currency, positive: true);
        Money(errors, "minOrder", request.MinOrder, currency, positive: false);
        DateTimeOffset? expiresAt = null;
        if (request.ExpiresAt is { } text)
        {
            if (!EventParsing.TryParseInstant(text, out var at))
            {
                errors.Add("expiresAt", "An ISO-8601 instant with a zone, such as 2026-12-31T23:59:59Z.");
            }
            else if (at <= now)
            {
                errors.Add("expiresAt", "Must be in the future.");
            }
            expiresAt = at;
        }
        if (request.MaxUses is < 1 or > 1_000_000_000)
        {
            errors.Add("maxUses", "From 1 (single use) to 1,000,000,000.");
        }
        if (request.PerMemberLimit is < 1 or > 1_000_000_000)
        {
            errors.Add("perMemberLimit", "From 1 to 1,000,000,000.");
        }
        if (request.MemberId is not null && !Hosting.Validate.IsId(request.MemberId))
        {
            errors.Add("memberId", Hosting.Validate.IdRule);
        }
        return errors.Any
            ? (null, errors.ToProblem())
            : (new NewCouponBatch(prefix, pattern, count, percent, amount, request.MinOrder, expiresAt, request.MaxUses ?? 1,
                request.PerMemberLimit, request.MemberId), null);
    }

    public static StoredResponse? Validate(ValidateCouponRequest request, Errors errors)
    {
        Code(errors, request.Code);
        MemberId(errors, request.MemberId);
        if (request.OrderTotal is null or < 0 or > MaxMoney)
        {
            errors.Add("orderTotal", "Required, from 0 to 1,000,000,000.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    public static StoredResponse? Validate(RedeemCouponRequest request, Errors errors)
    {
        Code(errors, request.Code);
        MemberId(errors, request.MemberId);
        Hosting.Validate.ShopId(errors, "orderId", request.OrderId);
        if (request.OrderTotal is < 0 or > MaxMoney)
        {
            errors.Add("orderTotal", "From 0 to 1,000,000,000.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    private static void Code(Errors errors, string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > CouponCodes.MaxPrefix + CouponCodes.MaxPattern ||
            code.Any(char.IsControl))
        {
            errors.Add("code", $"Required, at most {CouponCodes.MaxPrefix + CouponCodes.MaxPattern} characters.");
        }
    }

    private static void MemberId(Errors errors, string? memberId)
    {
        if (memberId is not null && !Hosting.Validate.IsId(memberId))
        {
            errors.Add("memberId", Hosting.Validate.IdRule);
        }
    }

    private static void Money(Errors errors, string field, decimal? value, string currency, bool positive)
    {
        if (value is not { } v)
        {
            return;
        }
        if ((positive ? v <= 0 : v < 0) || v > MaxMoney)
        {
            errors.Add(field, positive ? "Greater than 0, at most 1,000,000,000." : "From 0 to 1,000,000,000.");
        }
        else if (Currency.FromMinor(Currency.ToMinor(v, currency), currency) != v)
        {
            errors.Add(field, $"Has more decimals than {currency} allows.");
        }
    }
}
