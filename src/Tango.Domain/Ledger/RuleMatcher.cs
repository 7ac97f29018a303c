using System.Globalization;
using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>Decides which rule conditions hold for one order and its lines, and says why one does not.</summary>
internal sealed class RuleMatcher(ProgramDocument program, Purchase purchase, decimal conditionTotal)
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    // Only looked up when a rule asks for a weekday or a date.
    private DateTime? _local;

    public RuleMatcher(ProgramDocument program, Purchase purchase)
        : this(program, purchase, purchase.Total)
    {
    }

    private DateTime Local => _local ??= ToProgramTime();

    public static bool HasLineConditions(RuleConditions? when) =>
        when is not null && (when.Categories is { Count: > 0 } || when.Skus is { Count: > 0 });

    public bool MatchesOrder(RuleConditions? when)
    {
        if (when is null)
        {
            return true;
        }

        if (when.MinTotal is { } min && conditionTotal < min)
        {
            return false;
        }

        if (when.Channels is { Count: > 0 } channels &&
            (purchase.Channel is null || !channels.Contains(purchase.Channel, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (when.DaysOfWeek is { Count: > 0 } days &&
            !days.Contains(DayNames[(int)Local.DayOfWeek], StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return (when.From is null && when.To is null) || InDateRange(when.From, when.To);
    }

    public bool MatchesLine(RuleConditions? when, PricedLine line)
    {
        if (when is null)
        {
            return true;
        }

        if (when.Categories is { Count: > 0 } categories &&
            (line.Category is null || !categories.Contains(line.Category, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        return when.Skus is not { Count: > 0 } skus || (line.Sku is not null && skus.Contains(line.Sku, StringComparer.Ordinal));
    }

    /// <summary>A bonus is paid once when the order matches and, for line conditions, any line does.</summary>
    public bool MatchesForBonus(RuleConditions? when, IEnumerable<PricedLine> lines) =>
        MatchesOrder(when) && (!HasLineConditions(when) || lines.Any(l => MatchesLine(when, l)));

    /// <summary>The first order condition that fails, in words; null when the order matches.</summary>
    public string? WhyNotOrder(RuleConditions? when)
    {
        if (when is null || MatchesOrder(when))
        {
            return null;
        }
        if (when.MinTotal is { } min && conditionTotal < min)
        {
            return $"order total {Number(conditionTotal)} below {Number(min)}";
        }
        if (when.Channels is { Count: > 0 } channels &&
            (purchase.Channel is null || !channels.Contains(purchase.Channel, StringComparer.OrdinalIgnoreCase)))
        {
            return $"channel did not match ({purchase.Channel ?? "none"})";
        }
        if (when.DaysOfWeek is { Count: > 0 } days && !days.Contains(DayNames[(int)Local.DayOfWeek], StringComparer.OrdinalIgnoreCase))
        {
            return $"day did not match ({DayNames[(int)Local.DayOfWeek]})";
        }
        var date = DateOnly.FromDateTime(Local);
        return when.From is { } from && date < from
            ? $"before {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"after {when.To!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Why no line matches the rule's line conditions; null when one does (or there are none).</summary>
    public string? WhyNotLines(RuleConditions? when, IReadOnlyList<PricedLine> lines)
    {
        if (!HasLineConditions(when) || lines.Any(l => MatchesLine(when, l)))
        {
            return null;
        }
        if (when!.Categories is { Count: > 0 } categories && !lines.Any(l => l.Category is not null && categories.Contains(l.Category, StringComparer.OrdinalIgnoreCase)))
        {
            return "category did not match";
        }
        return "sku did not match";
    }

    private bool InDateRange(DateOnly? from, DateOnly? to)
    {
        var date = DateOnly.FromDateTime(Local);
        return (from is null || date >= from) && (to is null || date <= to);
    }

    private DateTime ToProgramTime()
    {
        var zone = program.TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone);
        return TimeZoneInfo.ConvertTime(purchase.OccurredAt, zone).DateTime;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
