using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningExplanationTests
{
    [Fact]
    public void The_text_names_the_base_the_tier_and_each_rule_with_why_it_added_nothing()
    {
        // Tuesday: coffee-mondays does not apply; no channel: app-launch does not either.
        var purchase = Purchase(Line("flat-white", "coffee", 30m)) with { OccurredAt = At("2026-12-01T12:00:00Z") };

        var explanation = Earning.Explain(ApiExample.Program, purchase, 1.25m, "Silver");

        Assert.Equal(37, explanation.Points);
        Assert.Equal(
            "37 points: 30 base, ×1.25 Silver, +0 coffee-mondays: day did not match (tue), +0 big-basket: order total 30 below 100, " +
            "+0 app-launch: channel did not match (none)",
            explanation.Text);
    }

    [Fact]
    public void A_rule_whose_category_is_not_in_the_order_says_so()
    {
        var explanation = Earning.Explain(ApiExample.Program, Purchase(Line("cake", "bakery", 30m)), 1.25m, "Silver");

        var coffee = Assert.Single(explanation.Rules, r => r.RuleId == "coffee-mondays");
        Assert.False(coffee.Applied);
        Assert.Equal("category did not match", coffee.Why);
        Assert.Contains("+0 coffee-mondays: category did not match", explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Applied_rules_carry_their_points_and_reason()
    {
        var explanation = Earning.Explain(ApiExample.Program, Purchase(Line("flat-white", "coffee", 12m), Line("croissant", "bakery", 25.50m)));

        var coffee = Assert.Single(explanation.Rules, r => r.Applied);
        Assert.Equal(new RuleVerdict("coffee-mondays", true, 12, "×2 on 12.00 EUR of coffee"), coffee);
        Assert.StartsWith("49 points: 37.5 base, +12 coffee-mondays", explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explaining_gives_the_same_points_as_calculating()
    {
        var random = new Random(7);
        var program = ApiExample.Program with { Earning = ApiExample.Program.Earning with { Exclude = new EarningExclusions { Categories = ["gift"] } } };
        for (var i = 0; i < 200; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 4))
                .Select(n => new OrderLine($"s{n}", random.Next(3) switch { 0 => "coffee", 1 => "gift", _ => "food" }, 1, random.Next(1, 20000) / 100m))
                .ToList();
            var purchase = new Purchase(lines.Sum(l => l.UnitPrice), lines, random.Next(2) == 0 ? "app" : null, MondayNoonUtc.AddDays(random.Next(0, 40)));

            var explanation = Earning.Explain(program, purchase, 1.5m, "Gold");
            var result = Earning.Calculate(program, purchase, 1.5m, "Gold");

            Assert.Equal(result.Points, explanation.Points);
            Assert.Equal(result.Components[0].Points, explanation.BasePoints);
            Assert.Equal(result.Points, explanation.BasePoints + explanation.Rules.Sum(r => r.Points));
        }
    }

    [Fact]
    public void A_stopped_rule_and_a_rule_outbid_on_its_lines_say_which_rule_took_over()
    {
        var program = ProgramWith(
            new EarningRule { Id = "small", Multiplier = 2 },
            new EarningRule { Id = "big", Multiplier = 3 },
            new EarningRule { Id = "bonus", BonusPoints = 5 },
            new EarningRule { Id = "stopper", When = new RuleConditions { MinTotal = 1 }, BonusPoints = 1, Priority = 9, Stop = true });

        var explanation = Earning.Explain(program, Purchase(Line("a", null, 10m)));

        Assert.Equal("stopper", explanation.Rules[0].RuleId);
        Assert.Equal("stopped by stopper", explanation.Rules.Single(r => r.RuleId == "bonus").Why);
        Assert.Equal("stopped by stopper", explanation.Rules.Single(r => r.RuleId == "small").Why);
    }

    [Fact]
    public void Lines_that_went_to_a_larger_multiplier_are_explained()
    {
        var program = ProgramWith(new EarningRule { Id = "small", Multiplier = 2 }, new EarningRule { Id = "big", Multiplier = 3 });

        var explanation = Earning.Explain(program, Purchase(Line("a", null, 10m)));

        Assert.Equal("its lines went to big's larger multiplier", explanation.Rules.Single(r => r.RuleId == "small").Why);
    }

    [Fact]
    public void Excluded_lines_and_a_paid_share_appear_in_the_explanation()
    {
        var program = ProgramDocument.Default with { Earning = new EarningPolicy { Exclude = new EarningExclusions { Categories = ["gift"] } } };
        var purchase = Purchase(Line("beans", "coffee", 30m), Line("card", "gift", 20m)) with { PaidWithPoints = 10m };

        var explanation = Earning.Explain(program, purchase);

        var excluded = Assert.Single(explanation.Excluded);
        Assert.Equal("category gift never earns", excluded.Why);
        Assert.Equal(10m, explanation.PaidWithPointsOrWallet);
        Assert.Equal("24 points: 24 base, 16 EUR of card excluded, 10 EUR paid with points or wallet earns nothing", explanation.Text);
    }
}
