using Tango.Domain.Coupons;

namespace Tango.Domain.Tests.Coupons;

public sealed class CouponCodesTests
{
    [Fact]
    public void Codes_follow_the_prefix_and_pattern_with_no_look_alike_characters()
    {
        var codes = CouponCodes.Generate("XMAS-", "XXXX-XXXX", 1000);

        Assert.Equal(1000, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^XMAS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", code));
        Assert.DoesNotContain(codes, code => code[5..].IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
    }

    [Fact]
    public void A_pattern_too_short_for_the_batch_is_refused()
    {
        Assert.Null(CouponCodes.CheckPattern("XXXX-XXXX", 100_000));
        Assert.NotNull(CouponCodes.CheckPattern("XXXXXX", 100_000));
        Assert.NotNull(CouponCodes.CheckPattern("XXXXX", 1));
        Assert.NotNull(CouponCodes.CheckPattern("xxxx-xxxx", 1));
        Assert.NotNull(CouponCodes.CheckPattern("", 1));
    }

    [Fact]
    public void Prefixes_are_upper_case_letters_digits_and_dashes()
    {
        Assert.Null(CouponCodes.CheckPrefix("SUMMER-26-"));
        Assert.NotNull(CouponCodes.CheckPrefix("summer"));
        Assert.NotNull(CouponCodes.CheckPrefix("TOO-LONG-A-PREFIX-"));
    }

    [Fact]
    public void Typed_codes_are_compared_trimmed_and_in_upper_case()
    {
        Assert.Equal("XMAS-AB2C", CouponCodes.Normalize("  xmas-ab2c "));
    }
}
