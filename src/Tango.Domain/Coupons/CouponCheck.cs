using System.Globalization;
using Tango.Domain.Money;

namespace Tango.Domain.Coupons;

/// <summary>Whether a code may be used now, by this member, on an order of this total, and what it takes off.</summary>
public static class CouponCheck
{
    public static CouponVerdict Unknown(string code) =>
        new(false, 0m, CouponReasons.Unknown, $"There is no coupon '{code}'.");

    /// <param name="orderTotal">Null when the caller does not know it (then a minimum order cannot be met).</param>
    public static CouponVerdict Check(CouponTerms terms, CouponUsage usage, string? memberId, decimal? orderTotal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.ExpiresAt is { } expires && now >= expires)
        {
            return Refuse(CouponReasons.Expired, $"The coupon expired at {expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.");
        }
        if (usage.Uses >= terms.MaxUses)
        {
            return Refuse(CouponReasons.UsedUp, terms.MaxUses == 1 ? "The coupon was already used." : $"The coupon was used all {terms.MaxUses} times.");
        }
        if (terms.MemberId is { } owner && !string.Equals(owner, memberId, StringComparison.Ordinal))
        {
            return Refuse(CouponReasons.WrongMember, "The coupon belongs to another member.");
        }
        if (terms.PerMemberLimit is { } limit)
        {
            if (memberId is null)
            {
                return Refuse(CouponReasons.MemberRequired, "The coupon is limited per member; send memberId.");
            }
            if (usage.MemberUses >= limit)
            {
                return Refuse(CouponReasons.MemberLimit, $"The member already used this offer {usage.MemberUses} of {limit} times.");
            }
        }
        if (terms.MinOrder is { } min && (orderTotal ?? 0m) < min)
        {
            return Refuse(CouponReasons.BelowMinimum, $"The order must reach {Money(min, terms.Currency)} {terms.Currency}.");
        }
        var discount = Discount(terms, orderTotal);
        return new CouponVerdict(true, discount, null, $"{Money(discount, terms.Currency)} {terms.Currency} off.");
    }

    /// <summary>A percentage of the order, rounded down to the minor unit; a fixed amount, never more than the order.</summary>
    public static decimal Discount(CouponTerms terms, decimal? orderTotal)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.DiscountPercent is { } percent)
        {
            return orderTotal is { } total and > 0 ? Currency.FromMinor(Currency.ToMinor(total * percent / 100m, terms.Currency), terms.Currency) : 0m;
        }
        var amount = terms.DiscountAmount ?? 0m;
        return orderTotal is { } t ? Math.Min(amount, Math.Max(0m, t)) : amount;
    }

    private static CouponVerdict Refuse(string reason, string message) => new(false, 0m, reason, message);

    private static string Money(decimal amount, string currency) =>
        amount.ToString("F" + (Currency.IsKnown(currency) ? Currency.MinorUnits(currency) : 2).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
