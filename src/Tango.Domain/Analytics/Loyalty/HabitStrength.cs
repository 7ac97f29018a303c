using System.Buffers;

namespace Tango.Domain.Analytics.Loyalty;

/// <summary>
/// How regular a member's buying is, 0–1: (1 − CV of the intervals between distinct purchase days, clipped
/// to [0, 1]) × min(1, intervals / 5). CV is the population standard deviation over the mean. Fewer than two
/// intervals give 0; a perfectly regular rhythm over five or more intervals gives 1.
/// </summary>
public static class HabitStrength
{
    /// <summary>Intervals needed before regularity counts in full; fewer scale it down, as a CV from two or
    /// three gaps says little.</summary>
    public const int FullSupportIntervals = 5;

    /// <param name="purchaseDates">Purchase dates in any order; several on one day count as one purchase day.</param>
    public static double Of(ReadOnlySpan<DateOnly> purchaseDates)
    {
        if (IsAscending(purchaseDates))
        {
            return OfSorted(purchaseDates);
        }

        var rented = ArrayPool<DateOnly>.Shared.Rent(purchaseDates.Length);
        try
        {
            var sorted = rented.AsSpan(0, purchaseDates.Length);
            purchaseDates.CopyTo(sorted);
            sorted.Sort();
            return OfSorted(sorted);
        }
        finally
        {
            ArrayPool<DateOnly>.Shared.Return(rented);
        }
    }

    private static double OfSorted(ReadOnlySpan<DateOnly> days)
    {
        // Two passes over the gaps (mean, then spread) keep the variance exact for day counts.
        var intervals = 0;
        for (var i = 1; i < days.Length; i++)
        {
            intervals += days[i] != days[i - 1] ? 1 : 0;
        }

        if (intervals < 2)
        {
            return 0;
        }

        var mean = (double)(days[^1].DayNumber - days[0].DayNumber) / intervals;
        var squares = 0.0;
        for (var i = 1; i < days.Length; i++)
        {
            var gap = days[i].DayNumber - days[i - 1].DayNumber;
            if (gap > 0)
            {
                squares += (gap - mean) * (gap - mean);
            }
        }

        var cv = Math.Sqrt(squares / intervals) / mean;
        var regularity = Math.Clamp(1 - cv, 0, 1);
        return regularity * Math.Min(1.0, (double)intervals / FullSupportIntervals);
    }

    private static bool IsAscending(ReadOnlySpan<DateOnly> dates)
    {
        for (var i = 1; i < dates.Length; i++)
        {
            if (dates[i] < dates[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
