using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningPriorityTests
{
    [Fact]
    public void A_matching_stop_rule_keeps_lower_priority_multipliers_off_its_lines()
    {
        var program = ProgramWith(
            new EarningRule { Id = "everything", Multiplier = 3 },
            new EarningRule { Id = "coffee-fixed", When = new RuleConditions { Categories = ["coffee"] }, Multiplier = 2, Priority = 10, Stop = true });

        var result = Earning.Calculate(program, Purchase(Line("beans", "coffee", 10m), Line("cake", "bakery", 10m)));

        // coffee: ×2 (the ×3 is stopped there); cake: ×3. 20 base + 10 + 20.
        Assert.Equal(50, result.Points);
        Assert.Equal([(null, 20L), ("everything", 20L), ("coffee-fixed", 10L)], result.Components.Select(c => (c.RuleId, c.Points)));
    }

    [Fact]
    public void Without_stop_the_largest_multiplier_still_wins_whatever_the_priority()
    {
        var program = ProgramWith(
            new EarningRule { Id = "everything", Multiplier = 3 },
            new EarningRule { Id = "coffee", When = new RuleConditions { Categories = ["coffee"] }, Multiplier = 2, Priority = 10 });

        Assert.Equal(30, Earning.Calculate(program, Purchase(Line("beans", "coffee", 10m))).Points);
    }

    [Fact]
    public void On_equal_multipliers_the_higher_priority_keeps_the_line()
    {
        var program = ProgramWith(
            new EarningRule { Id = "first", Multiplier = 2 },
            new EarningRule { Id = "second", Multiplier = 2, Priority = 1 });

        var result = Earning.Calculate(program, Purchase(Line("a", null, 10m)));

        Assert.Equal([null, "second"], result.Components.Select(c => c.RuleId));
    }

    [Fact]
    public void A_stop_rule_that_matches_the_order_stops_lower_bonuses()
    {
        var program = ProgramWith(
            new EarningRule { Id = "welcome", BonusPoints = 100 },
            new EarningRule { Id = "vip-only", When = new RuleConditions { Channels = ["vip"] }, BonusPoints = 500, Priority = 5, Stop = true });

        Assert.Equal(510, Earning.Calculate(program, Purchase(10m) with { Channel = "vip" }).Points);
        Assert.Equal(110, Earning.Calculate(program, Purchase(10m) with { Channel = "web" }).Points);
    }

    [Fact]
    public void A_stop_rule_that_does_not_match_stops_nothing()
    {
        var program = ProgramWith(
            new EarningRule { Id = "all", BonusPoints = 5 },
            new EarningRule { Id = "tea", When = new RuleConditions { Categories = ["tea"] }, BonusPoints = 1, Priority = 1, Stop = true });

        Assert.Equal(15, Earning.Calculate(program, Purchase(Line("beans", "coffee", 10m))).Points);
    }

    [Fact]
    public void Rules_of_the_api_example_earn_the_same_with_priority_zero_everywhere()
    {
        var plain = Programs.ApiExample.Program;
        var prioritised = plain with
        {
            Earning = plain.Earning with { Rules = plain.Earning.Rules!.Select(r => r with { Priority = 0, Stop = false }).ToList() },
        };
        var purchase = Purchase(Line("flat-white", "coffee", 12m), Line("croissant", "bakery", 100m)) with { Channel = "app" };

        Assert.Equal(Earning.Calculate(plain, purchase).Components, Earning.Calculate(prioritised, purchase).Components);
    }
}
