using System.Globalization;
using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>Turns a traced evaluation into words: "37 points: 30 base, ×1.25 Silver, +0 coffee-mondays: category did not match".</summary>
internal static class EarningExplainer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static EarningExplanation Explain(ProgramDocument program, EarningEvaluation evaluation, decimal tierMultiplier, string? tierName)
    {
        var (result, order, rules) = evaluation;
        var reasons = new EarningReasons(program, tierMultiplier, tierName);
        var document = program.Earning.Rules ?? [];
        var verdicts = new List<RuleVerdict>(document.Count);
        foreach (var i in rules.Order)
        {
            var rule = document[i];
            var component = result.Components.FirstOrDefault(c => c.RuleId == rule.Id);
            var addition = rules.Additions.FirstOrDefault(a => ReferenceEquals(a.Rule, rule));
            verdicts.Add(component is not null
                ? new RuleVerdict(rule.Id, true, component.Points, component.Reason[(rule.Id.Length + 2)..])
                : new RuleVerdict(rule.Id, false, 0, WhyNot(rule, rules.Traces![i], addition, reasons)));
        }

        var excluded = order.Excluded
            .Select(l => new ExcludedLine(l.Sku, l.Category, order.AmountOf(l.Raw), ExcludedWhy(program.Earning.Exclude!, l)))
            .ToList();
        var basePoints = result.Components[0].Points;
        var text = Text(program, result.Points, order.Amount, tierMultiplier, tierName, verdicts, excluded, order.PaidElsewhere);
        return new EarningExplanation(result.Points, basePoints, text, verdicts, excluded, order.PaidElsewhere);
    }

    private static string WhyNot(EarningRule rule, RuleTrace trace, RuleAddition? addition, EarningReasons reasons)
    {
        if (trace.OrderMiss is { } orderMiss)
        {
            return orderMiss;
        }
        if (trace.LineMiss is { } lineMiss)
        {
            return trace.LinesOnlyExcluded ? "its lines are excluded from earning" : lineMiss;
        }
        if (trace.StoppedBy is { } stopper)
        {
            return $"stopped by {stopper}";
        }
        if (trace.LostTo is { } winner)
        {
            return $"its lines went to {winner}'s larger multiplier";
        }
        // It matched and added less than half a point, or a ×1 with no bonus.
        return addition is not null ? $"{reasons.Rule(addition)[(rule.Id.Length + 2)..]}, rounds to 0" : "adds nothing";
    }

    private static string ExcludedWhy(EarningExclusions exclude, PricedLine line) =>
        line.Category is not null && exclude.Categories?.Contains(line.Category, StringComparer.OrdinalIgnoreCase) == true
            ? $"category {line.Category} never earns"
            : $"sku {line.Sku} never earns";

    private static string Text(ProgramDocument program, long points, decimal amount, decimal tierMultiplier, string? tierName,
        List<RuleVerdict> verdicts, List<ExcludedLine> excluded, decimal paidElsewhere)
    {
        var parts = new List<string> { $"{Number(amount * program.Earning.PointsPerUnit)} base" };
        if (tierMultiplier != 1m || tierName is not null)
        {
            parts.Add($"×{Number(tierMultiplier)}{(tierName is null ? "" : " " + tierName)}");
        }
        foreach (var verdict in verdicts)
        {
            parts.Add(verdict.Applied ? $"+{verdict.Points} {verdict.RuleId}" : $"+0 {verdict.RuleId}: {verdict.Why}");
        }
        foreach (var line in excluded)
        {
            parts.Add($"{Number(line.Amount)} {program.Currency} of {line.Sku ?? line.Category} excluded");
        }
        if (paidElsewhere > 0)
        {
            parts.Add($"{Number(paidElsewhere)} {program.Currency} paid with points or wallet earns nothing");
        }
        return $"{points} points: {string.Join(", ", parts)}";
    }

    private static string Number(decimal value) => decimal.Round(value, 2).ToString("0.##", Invariant);
}
