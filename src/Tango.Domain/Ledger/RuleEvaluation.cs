using System.Runtime.CompilerServices;
using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>What one rule adds over the base, before rounding and after its cap.</summary>
internal sealed record RuleAddition(EarningRule Rule, decimal Points, decimal WonAmount, long Bonus, bool Capped);

/// <summary>Why a rule added what it added; kept only when an explanation is asked for.</summary>
internal sealed class RuleTrace
{
    public string? OrderMiss { get; set; }
    public string? LineMiss { get; set; }
    public string? StoppedBy { get; set; }
    public string? LostTo { get; set; }
    public bool LinesOnlyExcluded { get; set; }
}

/// <summary>
/// Weighs the rules in their order (priority, then document order). Per line the largest matching multiplier
/// wins, the first in that order on a tie; every matching rule pays its bonus. A matching rule with
/// <c>stop</c> ends the weighing: on its lines for multipliers, for the order for bonuses.
/// Without priorities and stops this is exactly API.md's formula.
/// </summary>
internal sealed class RuleEvaluation
{
    private RuleEvaluation(IReadOnlyList<RuleAddition> additions, RuleTrace[]? traces, int[] order)
    {
        Additions = additions;
        Traces = traces;
        Order = order;
    }

    /// <summary>In document order; only rules that add something.</summary>
    public IReadOnlyList<RuleAddition> Additions { get; }

    /// <summary>By document index; null unless traced.</summary>
    public RuleTrace[]? Traces { get; }

    /// <summary>Document indices in the order the rules were weighed.</summary>
    public int[] Order { get; }

    public static RuleEvaluation Run(ProgramDocument program, Purchase purchase, PricedOrder order, decimal perUnit, bool trace)
    {
        var rules = program.Earning.Rules ?? [];
        var evaluationOrder = EvaluationOrder(rules);
        var matcher = new RuleMatcher(program, purchase, order.ConditionTotal);
        var traces = trace ? rules.Select(_ => new RuleTrace()).ToArray() : null;
        var orderMatches = new bool[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            orderMatches[i] = rules[i] is not null && matcher.MatchesOrder(rules[i].When);
        }
        var won = WonRawAmounts(rules, evaluationOrder, order, matcher, orderMatches, traces);
        var bonuses = Bonuses(rules, evaluationOrder, order, matcher, orderMatches, traces);

        var additions = new List<RuleAddition>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var wonAmount = order.AmountOf(won[i]);
            var points = rule.Multiplier is { } m && won[i] != 0 ? wonAmount * perUnit * (m - 1) : 0m;
            points += bonuses[i];
            var capped = rule.MaxPointsPerOrder is { } cap && points > cap;
            if (points != 0)
            {
                additions.Add(new RuleAddition(rule, capped ? rule.MaxPointsPerOrder!.Value : points, wonAmount, bonuses[i], capped));
            }
            if (traces is not null)
            {
                traces[i].OrderMiss = matcher.WhyNotOrder(rule.When);
                traces[i].LineMiss = matcher.WhyNotLines(rule.When, order.Lines);
                traces[i].LinesOnlyExcluded = traces[i].LineMiss is not null && order.Excluded.Any(l => matcher.MatchesLine(rule.When, l));
            }
        }
        return new RuleEvaluation(additions, traces, evaluationOrder);
    }

    // A program's rules never change once read, so their order is worked out once per rule list.
    private static readonly ConditionalWeakTable<IReadOnlyList<EarningRule>, int[]> Orders = [];

    private static int[] EvaluationOrder(IReadOnlyList<EarningRule> rules) =>
        Orders.GetValue(rules, static rules =>
        {
            var order = Enumerable.Range(0, rules.Count).ToArray();
            // OrderBy is stable: equal priorities keep their document order.
            return rules.Any(r => r?.Priority is not null and not 0) ? [.. order.OrderByDescending(i => rules[i]?.Priority ?? 0)] : order;
        });

    /// <summary>Per rule, the unscaled amount of the lines on which it is the winning multiplier.</summary>
    private static decimal[] WonRawAmounts(IReadOnlyList<EarningRule> rules, int[] evaluationOrder, PricedOrder order,
        RuleMatcher matcher, bool[] orderMatches, RuleTrace[]? traces)
    {
        var won = new decimal[rules.Count];
        foreach (var line in order.Lines)
        {
            var winner = -1;
            for (var k = 0; k < evaluationOrder.Length; k++)
            {
                var i = evaluationOrder[k];
                if (!orderMatches[i] || !matcher.MatchesLine(rules[i].When, line))
                {
                    continue;
                }
                // Strictly greater: on a tie the rule weighed first keeps the line.
                if (rules[i].Multiplier is not null && (winner < 0 || rules[i].Multiplier > rules[winner].Multiplier))
                {
                    winner = i;
                }
                if (rules[i].Stop == true)
                {
                    MarkStopped(rules, evaluationOrder, k, i, r => orderMatches[r] && rules[r].Multiplier is not null && matcher.MatchesLine(rules[r].When, line), traces);
                    break;
                }
            }

            if (winner >= 0)
            {
                won[winner] += line.Raw;
                if (traces is not null)
                {
                    foreach (var i in evaluationOrder)
                    {
                        if (i != winner && orderMatches[i] && rules[i].Multiplier is not null && traces[i].StoppedBy is null &&
                            matcher.MatchesLine(rules[i].When, line))
                        {
                            traces[i].LostTo ??= rules[winner].Id;
                        }
                    }
                }
            }
        }

        return won;
    }

    private static long[] Bonuses(IReadOnlyList<EarningRule> rules, int[] evaluationOrder, PricedOrder order,
        RuleMatcher matcher, bool[] orderMatches, RuleTrace[]? traces)
    {
        var bonuses = new long[rules.Count];
        for (var k = 0; k < evaluationOrder.Length; k++)
        {
            var i = evaluationOrder[k];
            var rule = rules[i];
            var fired = orderMatches[i] && (!RuleMatcher.HasLineConditions(rule.When) || order.Lines.Any(l => matcher.MatchesLine(rule.When, l)));
            if (!fired)
            {
                continue;
            }
            bonuses[i] = rule.BonusPoints ?? 0L;
            if (rule.Stop == true)
            {
                MarkStopped(rules, evaluationOrder, k, i, r => rules[r].BonusPoints is not null, traces);
                break;
            }
        }
        return bonuses;
    }

    private static void MarkStopped(IReadOnlyList<EarningRule> rules, int[] evaluationOrder, int position, int stopper,
        Func<int, bool> wouldApply, RuleTrace[]? traces)
    {
        if (traces is null)
        {
            return;
        }
        for (var k = position + 1; k < evaluationOrder.Length; k++)
        {
            var r = evaluationOrder[k];
            if (wouldApply(r))
            {
                traces[r].StoppedBy ??= rules[stopper].Id;
            }
        }
    }
}
