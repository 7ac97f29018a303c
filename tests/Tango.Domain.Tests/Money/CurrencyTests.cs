using Tango.Domain.Money;

namespace Tango.Domain.Tests.Money;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("ISK", 0)]
    [InlineData("XOF", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("TND", 3)]
    [InlineData("IQD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("CLF", 4)]
    public void Minor_units_follow_iso_4217(string code, int units)
    {
        Assert.True(Currency.IsKnown(code));
        Assert.Equal(units, Currency.MinorUnits(code));
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("XAU")]
    [InlineData("XTS")]
    [InlineData("ABC")]
    [InlineData("")]
    public void Unknown_or_non_money_codes_are_not_known(string code)
    {
        Assert.False(Currency.IsKnown(code));
        Assert.Throws<ArgumentException>(() => Currency.MinorUnits(code));
    }

    [Theory]
    [InlineData("12.345", "EUR", 1234)]
    [InlineData("-12.345", "EUR", -1234)]
    [InlineData("100.9", "JPY", 100)]
    [InlineData("1.2345", "BHD", 1234)]
    [InlineData("0.009", "USD", 0)]
    public void To_minor_rounds_toward_zero(string amount, string code, long minor)
    {
        Assert.Equal(minor, Currency.ToMinor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), code));
    }

    [Fact]
    public void From_minor_restores_the_amount()
    {
        Assert.Equal(12.34m, Currency.FromMinor(1234, "EUR"));
        Assert.Equal(1234m, Currency.FromMinor(1234, "JPY"));
        Assert.Equal(1.234m, Currency.FromMinor(1234, "KWD"));
    }

    [Fact]
    public void To_minor_throws_rather_than_wraps()
    {
        Assert.Throws<OverflowException>(() => Currency.ToMinor(decimal.MaxValue / 10, "EUR"));
    }
}
