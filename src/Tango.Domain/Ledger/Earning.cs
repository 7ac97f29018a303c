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
    public static EarningResult Calculate(ProgramDocument program, Purchase purchase, decimal tierMultiplier = 1m, string? tierName = null) =>
        Evaluate(program, purchase, tierMultiplier, tierName, trace: false).Result;

    /// <summary>
    /// The same outcome as <see cref="Calculate"/>, explained: every rule with what it added or why it added
    /// nothing, the excluded lines, and one line of text for the dashboard
    /// ("37 points: 30 base, ×1.25 Silver, +0 coffee-mondays: category did not match").
    /// </summary>
    public static EarningExplanation Explain(ProgramDocument program, Purchase purchase, decimal tierMultiplier = 1m, string? tierName = null)
    {
        var evaluation = Evaluate(program, purchase, tierMultiplier, tierName, trace: true);
        return EarningExplainer.Explain(program, evaluation, tierMultiplier, tierName);
    }

    /// <summary>Both at once, from one evaluation: what the purchase path writes (the lines and the explanation beside them).</summary>
    public static (EarningResult Result, EarningExplanation Explanation) CalculateExplained(ProgramDocument program, Purchase purchase,
        decimal tierMultiplier = 1m, string? tierName = null)
    {
        var evaluation = Evaluate(program, purchase, tierMultiplier, tierName, trace: true);
        return (evaluation.Result, EarningExplainer.Explain(program, evaluation, tierMultiplier, tierName));
    }

    /// <summary>
    /// The points <see cref="Calculate"/> gives, without composing the reasons: for replaying a history of
    /// millions of purchases (program simulation), where only the figures count.
    /// </summary>
    public static long Points(ProgramDocument program, Purchase purchase, decimal tierMultiplier = 1m)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(purchase);
        var order = PricedOrder.From(purchase, program.Earning);
        var perUnit = program.Earning.PointsPerUnit * tierMultiplier;
        return Total(program, order, perUnit, RuleEvaluation.Run(program, purchase, order, perUnit, trace: false));
    }

    internal static EarningEvaluation Evaluate(ProgramDocument program, Purchase purchase, decimal tierMultiplier, string? tierName, bool trace)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(purchase);

        var order = PricedOrder.From(purchase, program.Earning);
        var perUnit = program.Earning.PointsPerUnit * tierMultiplier;
        var rules = RuleEvaluation.Run(program, purchase, order, perUnit, trace);
        var rounding = program.Earning.Rounding;
        var total = Total(program, order, perUnit, rules);

        var text = new EarningReasons(program, tierMultiplier, tierName);
        var ruleComponents = rules.Additions
            .Select(a => new EarnComponent(a.Rule.Id, checked((long)rounding.Apply(a.Points)), text.Rule(a)))
            .Where(c => c.Points != 0)
            .ToList();
        var basePoints = checked(total - ruleComponents.Sum(c => c.Points));

        List<EarnComponent> components = [new(null, basePoints, text.Base(order.Amount)), .. ruleComponents];
        var result = new EarningResult(total, components, Cashback(program, purchase.Total));
        return new EarningEvaluation(result, order, rules);
    }

    /// <summary>The order's points: base and every rule's addition, rounded once.</summary>
    private static long Total(ProgramDocument program, PricedOrder order, decimal perUnit, RuleEvaluation rules)
    {
        var exact = order.Amount * perUnit;
        foreach (var addition in rules.Additions)
        {
            exact += addition.Points;
        }
        return Math.Max(0L, checked((long)program.Earning.Rounding.Apply(exact)));
    }

    /// <summary>The cashback a purchase of <paramref name="total"/> earns, in minor units of the program currency.</summary>
    public static long Cashback(ProgramDocument program, decimal total) =>
        program.Cashback is { Percent: > 0 } cashback && total > 0
            ? Currency.ToMinor(total * cashback.Percent / 100m, program.Currency)
            : 0L;
}

/// <summary>One purchase weighed: the outcome, the priced order and what each rule did.</summary>
internal sealed record EarningEvaluation(EarningResult Result, PricedOrder Order, RuleEvaluation Rules);
