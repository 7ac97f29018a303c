using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class PaidShareTests
{
    [Fact]
    public void The_share_paid_with_points_or_wallet_earns_nothing_by_default()
    {
        var purchase = Purchase(100m) with { PaidWithPoints = 30m, PaidWithWallet = 20m };

        Assert.Equal(50, Earning.Calculate(ProgramDocument.Default, purchase).Points);
    }

    [Fact]
    public void The_paid_share_is_taken_from_every_line_alike()
    {
        var program = ProgramWith(new EarningRule { Id = "coffee", When = new RuleConditions { Categories = ["coffee"] }, Multiplier = 2 });
        var purchase = Purchase(Line("beans", "coffee", 50m), Line("cake", "bakery", 50m)) with { PaidWithWallet = 50m };

        // Half was paid from the wallet: 50 base, and the coffee line's half (25) doubled.
        Assert.Equal(75, Earning.Calculate(program, purchase).Points);
    }

    [Fact]
    public void A_program_may_let_the_whole_total_earn()
    {
        var program = ProgramDocument.Default with { Earning = new EarningPolicy { PointsPaidShare = PaidShare.Earn } };

        Assert.Equal(100, Earning.Calculate(program, Purchase(100m) with { PaidWithPoints = 30m }).Points);
    }

    [Fact]
    public void Points_and_wallet_never_count_for_more_than_the_total()
    {
        Assert.Equal(0, Earning.Calculate(ProgramDocument.Default, Purchase(40m) with { PaidWithPoints = 30m, PaidWithWallet = 30m }).Points);
    }

    [Fact]
    public void Cashback_stays_on_the_order_total()
    {
        var program = ProgramDocument.Default with { Cashback = new CashbackPolicy { Percent = 10 } };

        Assert.Equal(1000, Earning.Calculate(program, Purchase(100m) with { PaidWithPoints = 50m }).WalletMinor);
    }
}
