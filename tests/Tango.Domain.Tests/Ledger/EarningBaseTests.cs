using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningBaseTests
{
    [Fact]
    public void Default_program_earns_one_point_per_whole_unit()
    {
        var result = Earning.Calculate(ProgramDocument.Default, Purchase(37.50m));

        Assert.Equal(37, result.Points);
        var component = Assert.Single(result.Components);
        Assert.Equal(new EarnComponent(null, 37, "base: 37.50 EUR × 1 pt/EUR"), component);
        Assert.Equal(0, result.WalletMinor);
    }

    [Theory]
    [InlineData(Rounding.Down, 46)]
    [InlineData(Rounding.Nearest, 47)]
    [InlineData(Rounding.Up, 47)]
    public void Rounding_mode_applies_to_the_order_total(Rounding rounding, long expected)
    {
        // 37.50 × 1.25 = 46.875
        var result = Earning.Calculate(ProgramDocument.Default.WithRounding(rounding), Purchase(37.50m), 1.25m, "Silver");

        Assert.Equal(expected, result.Points);
        Assert.Equal("base: 37.50 EUR × 1 pt/EUR × 1.25 Silver", result.Components[0].Reason);
    }

    [Theory]
    [InlineData(Rounding.Down, 10)]
    [InlineData(Rounding.Nearest, 11)]
    [InlineData(Rounding.Up, 11)]
    public void Nearest_rounds_half_away_from_zero(Rounding rounding, long expected)
    {
        var result = Earning.Calculate(ProgramDocument.Default.WithRounding(rounding), Purchase(10.50m));

        Assert.Equal(expected, result.Points);
    }

    [Fact]
    public void Points_per_unit_scale_the_base()
    {
        var program = ProgramDocument.Default with { Earning = new EarningPolicy { PointsPerUnit = 10 } };

        var result = Earning.Calculate(program, Purchase(3.99m));

        Assert.Equal(39, result.Points);
        Assert.Equal("base: 3.99 EUR × 10 pt/EUR", result.Components[0].Reason);
    }

    [Fact]
    public void Lines_are_scaled_so_they_add_up_to_the_total()
    {
        // Half off the whole basket: the coffee line is worth 10 of the 60 paid, not 20.
        var program = ProgramWith(new EarningRule { Id = "coffee", When = new RuleConditions { Categories = ["coffee"] }, Multiplier = 2 });

        var result = Earning.Calculate(program, Purchase(60m, Line("c1", "coffee", 20m), Line("b1", "beans", 100m)));

        Assert.Equal(70, result.Points);
        Assert.Equal(new EarnComponent("coffee", 10, "coffee: ×2 on 10.00 EUR of coffee"), result.Components[1]);
    }

    [Fact]
    public void Scaled_lines_that_divide_unevenly_still_earn_on_the_exact_total()
    {
        // 10 / 3 per line does not add back up to 10 in decimal; the order must still earn 10 and 20.
        var program = ProgramWith(new EarningRule { Id = "all", Multiplier = 2 });
        var purchase = Purchase(10m, Line("a", null, 1m), Line("b", null, 1m), Line("c", null, 1m));

        Assert.Equal(10, Earning.Calculate(ProgramDocument.Default, purchase).Points);
        Assert.Equal(20, Earning.Calculate(program, purchase).Points);
    }

    [Fact]
    public void Purchase_without_lines_is_one_line_of_its_total_that_no_line_rule_matches()
    {
        var program = ProgramWith(new EarningRule { Id = "coffee", When = new RuleConditions { Categories = ["coffee"] }, Multiplier = 2 });

        var result = Earning.Calculate(program, Purchase(25m));

        Assert.Equal(25, result.Points);
        Assert.Single(result.Components);
    }

    [Fact]
    public void Lines_that_sum_to_nothing_earn_on_the_total()
    {
        var result = Earning.Calculate(ProgramDocument.Default, Purchase(12m, Line("gift", null, 0m)));

        Assert.Equal(12, result.Points);
    }

    [Fact]
    public void A_negative_total_earns_nothing()
    {
        var result = Earning.Calculate(ProgramDocument.Default, Purchase(-5m));

        Assert.Equal(0, result.Points);
        AssertComponentsSumToTotal(result);
    }

    [Fact]
    public void Absurd_amounts_overflow_instead_of_wrapping()
    {
        var program = ProgramDocument.Default with { Earning = new EarningPolicy { PointsPerUnit = 1_000_000 } };

        Assert.Throws<OverflowException>(() => Earning.Calculate(program, Purchase(decimal.MaxValue / 2)));
        Assert.Throws<OverflowException>(() => Earning.Calculate(program, Purchase(1e20m)));
    }
}
