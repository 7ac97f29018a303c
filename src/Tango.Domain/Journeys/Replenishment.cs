namespace Tango.Domain.Journeys;

/// <summary>One purchase of a sku by a member: the day (in the program's zone) and how many units.</summary>
public readonly record struct SkuPurchase(DateOnly On, decimal Quantity);

/// <summary>When a member's supply of a sku runs out, and how that was judged.</summary>
public sealed record ReplenishmentDue(string Sku, DateOnly LastPurchasedOn, double DaysPerUnit, int PeriodDays, DateOnly DueOn, bool Learned);

/// <summary>
/// The replenishment trigger's judgement. A unit of a sku lasts the member a number of days: learned from their
/// own repeat purchases of it (the median of the days between purchases, per unit bought at the start of each
/// gap; it takes two gaps, so one odd gap does not decide), or else the period the journey sets for the sku (per
/// purchase). The supply of the last purchase runs out at its day plus its units times that; the member is
/// reminded from <c>daysBefore</c> before that day until one more period has passed, after which they have most
/// likely bought elsewhere and a reminder would be noise.
/// </summary>
public static class Replenishment
{
    public const int MinGapsToLearn = 2;
    public const int DefaultDaysBefore = 3;

    public static ReplenishmentDue? Judge(string sku, IReadOnlyList<SkuPurchase> purchases, int? setPeriodDays, int daysBefore, DateOnly today)
    {
        if (purchases.Count == 0)
        {
            return null;
        }
        // Several purchases on one day are one supply.
        var days = purchases.GroupBy(p => p.On).Select(g => new SkuPurchase(g.Key, g.Sum(p => p.Quantity))).OrderBy(p => p.On).ToList();
        var last = days[^1];
        var lastUnits = last.Quantity > 0 ? (double)last.Quantity : 1;
        double daysPerUnit;
        bool learned;
        if (LearnedDaysPerUnit(days) is { } perUnit)
        {
            (daysPerUnit, learned) = (perUnit, true);
        }
        else if (setPeriodDays is { } set)
        {
            (daysPerUnit, learned) = (set / lastUnits, false);
        }
        else
        {
            return null;
        }
        var period = Math.Max(1, (int)Math.Round(daysPerUnit * lastUnits, MidpointRounding.AwayFromZero));
        var due = last.On.AddDays(period);
        if (today < due.AddDays(-daysBefore) || today > due.AddDays(period))
        {
            return null;
        }
        return new ReplenishmentDue(sku, last.On, daysPerUnit, period, due, learned);
    }

    /// <summary>The median of days per unit over the member's gaps between purchase days, or null with too few gaps.</summary>
    public static double? LearnedDaysPerUnit(IReadOnlyList<SkuPurchase> days)
    {
        if (days.Count - 1 < MinGapsToLearn)
        {
            return null;
        }
        var perUnit = new List<double>(days.Count - 1);
        for (var i = 1; i < days.Count; i++)
        {
            var units = days[i - 1].Quantity > 0 ? (double)days[i - 1].Quantity : 1;
            perUnit.Add((days[i].On.DayNumber - days[i - 1].On.DayNumber) / units);
        }
        perUnit.Sort();
        var mid = perUnit.Count / 2;
        return perUnit.Count % 2 == 1 ? perUnit[mid] : (perUnit[mid - 1] + perUnit[mid]) / 2;
    }
}
