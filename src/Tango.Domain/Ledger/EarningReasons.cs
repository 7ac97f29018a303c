using System.Globalization;
using Tango.Domain.Money;
using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>The human-readable "why" of each earning component, as shown on ledger lines.</summary>
internal sealed class EarningReasons(ProgramDocument program, decimal tierMultiplier, string? tierName)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly int _minorUnits = Currency.IsKnown(program.Currency) ? Currency.MinorUnits(program.Currency) : 2;

    /// <summary>E.g. "base: 37.50 EUR × 1 pt/EUR × 1.25 Silver".</summary>
    public string Base(decimal amount) =>
        $"base: {Money(amount)} × {Number(program.Earning.PointsPerUnit)} pt/{program.Currency}{Tier()}";

    /// <summary>E.g. "coffee-mondays: ×2 on 12.00 EUR of coffee" or "big-basket: +50 bonus (order ≥ 100)".</summary>
    public string Rule(RuleAddition addition)
    {
        var rule = addition.Rule;
        var parts = new List<string>(2);
        if (rule.Multiplier is { } m && addition.WonAmount != 0)
        {
            parts.Add($"×{Number(m)} on {Money(addition.WonAmount)}{LineScope(rule.When)}{Tier()}");
        }

        if (addition.Bonus != 0)
        {
            parts.Add($"+{addition.Bonus} bonus{BonusScope(rule.When)}");
        }

        var capped = addition.Capped ? $", capped at {rule.MaxPointsPerOrder}" : "";
        return $"{rule.Id}: {string.Join("; ", parts)}{capped}";
    }

    private string Tier() =>
        tierMultiplier == 1m && tierName is null ? "" : $" × {Number(tierMultiplier)}{(tierName is null ? "" : " " + tierName)}";

    private static string LineScope(RuleConditions? when) => LineNames(when) is { } names ? " of " + names : "";

    private static string? LineNames(RuleConditions? when) =>
        when?.Categories is { Count: > 0 } categories ? string.Join(", ", categories)
        : when?.Skus is { Count: > 0 } skus ? string.Join(", ", skus)
        : null;

    private static string BonusScope(RuleConditions? when)
    {
        if (when is null)
        {
            return "";
        }

        var parts = new List<string>();
        if (when.MinTotal is { } min)
        {
            parts.Add($"order ≥ {Number(min)}");
        }

        if (when.Channels is { Count: > 0 } channels)
        {
            parts.Add("via " + string.Join(", ", channels));
        }

        if (when.DaysOfWeek is { Count: > 0 } days)
        {
            parts.Add("on " + string.Join(", ", days));
        }

        if (when.From is not null || when.To is not null)
        {
            parts.Add($"{when.From?.ToString("yyyy-MM-dd", Invariant) ?? "…"} to {when.To?.ToString("yyyy-MM-dd", Invariant) ?? "…"}");
        }

        if (LineNames(when) is { } names)
        {
            parts.Add("with " + names);
        }

        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private string Money(decimal amount) =>
        $"{amount.ToString("F" + _minorUnits.ToString(Invariant), Invariant)} {program.Currency}";

    private static string Number(decimal value) => value.ToString("0.############################", Invariant);
}
