using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class CashbackTests
{
    [Theory]
    [InlineData("EUR", "37.50", 75)]
    [InlineData("EUR", "0.99", 1)]
    [InlineData("JPY", "1049", 20)]
    [InlineData("KWD", "10.555", 211)]
    public void Cashback_is_a_percent_of_the_total_in_minor_units_rounded_down(string currency, string total, long minor)
    {
        var program = ApiExample.Program with { Currency = currency };

        var result = Earning.Calculate(program, Purchase(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(minor, result.WalletMinor);
    }

    [Fact]
    public void Without_cashback_nothing_goes_to_the_wallet()
    {
        Assert.Equal(0, Earning.Calculate(ProgramDocument.Default, Purchase(100m)).WalletMinor);
    }
}
