using Tango.Domain.Coupons;

namespace Tango.Domain.Tests.Coupons;

public sealed class CouponCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly CouponTerms TenOff = new() { DiscountAmount = 10m, MinOrder = 50m, ExpiresAt = Now.AddDays(1) };

    [Fact]
    public void A_valid_code_gives_its_discount()
    {
        var verdict = CouponCheck.Check(TenOff, new CouponUsage(0, 0), null, 80m, Now);

        Assert.Equal(new CouponVerdict(true, 10m, null, "10.00 EUR off."), verdict);
    }

    [Theory]
    [InlineData(CouponReasons.Expired)]
    [InlineData(CouponReasons.UsedUp)]
    [InlineData(CouponReasons.WrongMember)]
    [InlineData(CouponReasons.BelowMinimum)]
    [InlineData(CouponReasons.MemberLimit)]
    public void Each_refusal_has_its_own_reason(string reason)
    {
        var terms = TenOff with { MemberId = "ann", PerMemberLimit = 1 };
        var (usage, member, total, now) = reason switch
        {
            CouponReasons.Expired => (new CouponUsage(0, 0), "ann", 80m, Now.AddDays(1)),
            CouponReasons.UsedUp => (new CouponUsage(1, 0), "ann", 80m, Now),
            CouponReasons.WrongMember => (new CouponUsage(0, 0), "bob", 80m, Now),
            CouponReasons.BelowMinimum => (new CouponUsage(0, 0), "ann", 49.99m, Now),
            _ => (new CouponUsage(0, 1), "ann", 80m, Now),
        };
        if (reason == CouponReasons.MemberLimit)
        {
            terms = terms with { MaxUses = 5 };
        }

        var verdict = CouponCheck.Check(terms, usage, member, total, now);

        Assert.False(verdict.Valid);
        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(0m, verdict.Discount);
    }

    [Fact]
    public void A_percentage_is_rounded_down_to_the_cent_and_an_amount_never_exceeds_the_order()
    {
        Assert.Equal(3.33m, CouponCheck.Discount(new CouponTerms { DiscountPercent = 10m }, 33.39m));
        Assert.Equal(5m, CouponCheck.Discount(new CouponTerms { DiscountAmount = 10m }, 5m));
    }

    [Fact]
    public void A_per_member_limit_needs_to_know_the_member()
    {
        var verdict = CouponCheck.Check(new CouponTerms { DiscountAmount = 1m, PerMemberLimit = 1 }, new CouponUsage(0, 0), null, 10m, Now);

        Assert.Equal(CouponReasons.MemberRequired, verdict.Reason);
    }
}
