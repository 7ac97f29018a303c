using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningRulesTests
{
    private static readonly OrderLine Coffee = Line("flat-white", "coffee", 12.00m);
    private static readonly OrderLine Pastry = Line("croissant", "bakery", 25.50m);

    [Fact]
    public void Coffee_on_monday_earns_double_on_coffee_lines_only()
    {
        var result = Earning.Calculate(ApiExample.Program, Purchase(Coffee, Pastry));

        Assert.Equal(49, result.Points);
        Assert.Equal(
            [
                new EarnComponent(null, 37, "base: 37.50 EUR × 1 pt/EUR"),
                new EarnComponent("coffee-mondays", 12, "coffee-mondays: ×2 on 12.00 EUR of coffee"),
            ],
            result.Components);
    }

    [Fact]
    public void Coffee_on_tuesday_earns_the_base_only()
    {
        var purchase = Purchase(Coffee, Pastry) with { OccurredAt = At("2026-12-01T12:00:00Z") };

        var result = Earning.Calculate(ApiExample.Program, purchase);

        Assert.Equal(37, result.Points);
        Assert.Single(result.Components);
    }

    [Fact]
    public void Tier_multiplier_scales_the_base_and_every_rule_addition()
    {
        // base 37.50 × 1.25 = 46.875, coffee 12 × 1.25 × (2 − 1) = 15: 61.875 rounds down once to 61.
        var result = Earning.Calculate(ApiExample.Program, Purchase(Coffee, Pastry), 1.25m, "Silver");

        Assert.Equal(61, result.Points);
        Assert.Equal([46L, 15L], result.Components.Select(c => c.Points));
        Assert.Equal("coffee-mondays: ×2 on 12.00 EUR of coffee × 1.25 Silver", result.Components[1].Reason);
    }

    [Fact]
    public void Largest_multiplier_wins_per_line_without_stacking()
    {
        var program = ProgramWith(
            new EarningRule { Id = "coffee", When = new RuleConditions { Categories = ["COFFEE"] }, Multiplier = 2 },
            new EarningRule { Id = "espresso", When = new RuleConditions { Skus = ["espresso"] }, Multiplier = 3 });

        var result = Earning.Calculate(program, Purchase(Line("espresso", "coffee", 10m), Line("latte", "coffee", 10m)));

        // espresso line ×3 (not ×2 + ×3), latte line ×2.
        Assert.Equal(50, result.Points);
        Assert.Equal([(null, 20L), ("coffee", 10L), ("espresso", 20L)], result.Components.Select(c => (c.RuleId, c.Points)));
    }

    [Fact]
    public void On_equal_multipliers_the_first_rule_in_the_document_wins_the_line()
    {
        var program = ProgramWith(
            new EarningRule { Id = "first", Multiplier = 2 },
            new EarningRule { Id = "second", Multiplier = 2 });

        var result = Earning.Calculate(program, Purchase(Line("a", null, 10m)));

        Assert.Equal([null, "first"], result.Components.Select(c => c.RuleId));
    }

    [Fact]
    public void Bonus_is_added_once_when_the_order_matches()
    {
        var result = Earning.Calculate(ApiExample.Program, Purchase(100m) with { OccurredAt = At("2026-12-02T12:00:00Z") });

        Assert.Equal(150, result.Points);
        Assert.Equal(new EarnComponent("big-basket", 50, "big-basket: +50 bonus (order ≥ 100)"), result.Components[1]);
    }

    [Fact]
    public void Bonus_below_the_minimum_total_is_not_paid()
    {
        var result = Earning.Calculate(ApiExample.Program, Purchase(99.99m) with { OccurredAt = At("2026-12-02T12:00:00Z") });

        Assert.Equal(99, result.Points);
    }

    [Fact]
    public void Bonus_with_a_line_condition_needs_a_matching_line()
    {
        var program = ProgramWith(new EarningRule { Id = "beans", When = new RuleConditions { Categories = ["beans"] }, BonusPoints = 20 });

        Assert.Equal(12, Earning.Calculate(program, Purchase(Coffee)).Points);
        Assert.Equal(52, Earning.Calculate(program, Purchase(Coffee, Line("b", "beans", 20m))).Points);
    }

    [Fact]
    public void What_a_rule_adds_is_capped_at_its_max_points_per_order()
    {
        var program = ProgramWith(new EarningRule { Id = "tenfold", Multiplier = 10, BonusPoints = 5, MaxPointsPerOrder = 100 });

        var result = Earning.Calculate(program, Purchase(50m));

        Assert.Equal(150, result.Points);
        Assert.Equal(new EarnComponent("tenfold", 100, "tenfold: ×10 on 50.00 EUR; +5 bonus, capped at 100"), result.Components[1]);
    }

    [Fact]
    public void Channels_match_case_insensitively_and_an_order_without_channel_matches_none()
    {
        var program = ProgramWith(new EarningRule { Id = "app", When = new RuleConditions { Channels = ["app"] }, BonusPoints = 10 });

        Assert.Equal(20, Earning.Calculate(program, Purchase(10m) with { Channel = "APP" }).Points);
        Assert.Equal(10, Earning.Calculate(program, Purchase(10m) with { Channel = "web" }).Points);
        Assert.Equal(10, Earning.Calculate(program, Purchase(10m)).Points);
    }

    [Theory]
    [InlineData(Rounding.Down)]
    [InlineData(Rounding.Nearest)]
    [InlineData(Rounding.Up)]
    public void Components_always_sum_to_the_total(Rounding rounding)
    {
        var program = ApiExample.Program.WithRounding(rounding) with { TimeZone = "Europe/Berlin" };
        var random = new Random(42);
        for (var i = 0; i < 500; i++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 4))
                .Select(n => new OrderLine($"sku{n}", random.Next(3) == 0 ? "coffee" : "food", random.Next(1, 4), random.Next(1, 9999) / 100m))
                .ToList();
            var total = lines.Count == 0 ? random.Next(0, 30000) / 100m : lines.Sum(l => l.Quantity * l.UnitPrice) * random.Next(50, 110) / 100m;
            var purchase = new Purchase(total, lines, random.Next(2) == 0 ? "app" : null, MondayNoonUtc.AddDays(random.Next(-3, 40)).AddMinutes(random.Next(1440)));

            var result = Earning.Calculate(program, purchase, 1m + random.Next(0, 4) * 0.25m);

            AssertComponentsSumToTotal(result);
            Assert.True(result.Points >= 0);
        }
    }
}
