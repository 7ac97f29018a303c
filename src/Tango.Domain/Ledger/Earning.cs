using Tango.Domain.Money;
using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>The points and cashback one purchase earns under a program.</summary>
public static class Earning
{
    /// <param name="program">The program in force when the purchase happened.</param>
    /// <param name="purchase">The order; its lines are scaled to its total.</param>
    /// <param name="tierMultiplier">The member's tier factor, applied to the base and to every multiplier.</param>
    /// <param name="tierName">Shown in the reasons next to the tier factor.</param>
    /// <exception cref="OverflowException">The amounts are too large to earn on.</exception>
    public static EarningResult Calculate(ProgramDocument program, Purchase purchase, decimal tierMultiplier = 1m, string? tierName = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(purchase);

        var order = PricedOrder.From(purchase);
        var perUnit = program.Earning.PointsPerUnit * tierMultiplier;
        var additions = RuleAdditions(program, purchase, order, perUnit);
        var rounding = program.Earning.Rounding;

        var exact = order.Amount * perUnit + additions.Sum(a => a.Points);
        var total = Math.Max(0L, checked((long)rounding.Apply(exact)));

        var text = new EarningReasons(program, tierMultiplier, tierName);
        var ruleComponents = additions
            .Select(a => new EarnComponent(a.Rule.Id, checked((long)rounding.Apply(a.Points)), text.Rule(a)))
            .Where(c => c.Points != 0)
            .ToList();
        var basePoints = checked(total - ruleComponents.Sum(c => c.Points));

        List<EarnComponent> components = [new(null, basePoints, text.Base(order.Amount)), .. ruleComponents];
        return new EarningResult(total, components, Cashback(program, purchase.Total));
    }

    private static List<RuleAddition> RuleAdditions(ProgramDocument program, Purchase purchase, PricedOrder order, decimal perUnit)
    {
        var rules = program.Earning.Rules ?? [];
        var matcher = new RuleMatcher(program, purchase);
        var won = WonRawAmounts(rules, order, matcher);
        var additions = new List<RuleAddition>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var wonAmount = order.AmountOf(won[i]);
            var points = rule.Multiplier is { } m && won[i] != 0 ? wonAmount * perUnit * (m - 1) : 0m;
            var bonus = rule.BonusPoints is { } b && matcher.MatchesForBonus(rule.When, order.Lines) ? b : 0L;
            points += bonus;
            var capped = rule.MaxPointsPerOrder is { } cap && points > cap;
            if (points != 0)
            {
                additions.Add(new RuleAddition(rule, capped ? rule.MaxPointsPerOrder!.Value : points, wonAmount, bonus, capped));
            }
        }

        return additions;
    }

    /// <summary>Per rule, the unscaled amount of the lines on which it is the largest matching multiplier.</summary>
    private static decimal[] WonRawAmounts(IReadOnlyList<EarningRule> rules, PricedOrder order, RuleMatcher matcher)
    {
        var won = new decimal[rules.Count];
        var orderMatches = rules.Select(r => r.Multiplier is not null && matcher.MatchesOrder(r.When)).ToArray();
        foreach (var line in order.Lines)
        {
            var winner = -1;
            for (var i = 0; i < rules.Count; i++)
            {
                // Strictly greater: on a tie the rule listed first keeps the line.
                if (orderMatches[i] && matcher.MatchesLine(rules[i].When, line) &&
                    (winner < 0 || rules[i].Multiplier > rules[winner].Multiplier))
                {
                    winner = i;
                }
            }

            if (winner >= 0)
            {
                won[winner] += line.Raw;
            }
        }

        return won;
    }

    private static long Cashback(ProgramDocument program, decimal total) =>
        program.Cashback is { Percent: > 0 } cashback && total > 0
            ? Currency.ToMinor(total * cashback.Percent / 100m, program.Currency)
            : 0L;
}

/// <summary>What one rule adds over the base, before rounding and after its cap.</summary>
internal sealed record RuleAddition(EarningRule Rule, decimal Points, decimal WonAmount, long Bonus, bool Capped);
