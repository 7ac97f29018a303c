using System.Runtime.InteropServices;

namespace Tango.Domain.Analytics.Cohorts;

/// <summary>Builds the retention matrix of <c>GET /v1/analytics/cohorts</c> from raw purchases.</summary>
public static class Retention
{
    /// <param name="purchases">One entry per purchase, in any order; several in one period count once.</param>
    /// <param name="end">The last day observed: later purchases are left out, and every row runs up to the
    /// period holding it (so recent periods without purchases show as zeros). Default: the last purchase.</param>
    /// <param name="maxOffset">Cut rows after this many periods; default: no cut.</param>
    public static RetentionMatrix Build<TKey>(
        IEnumerable<(TKey Customer, DateOnly Date)> purchases,
        CohortPeriod period = CohortPeriod.Month,
        DateOnly? end = null,
        int? maxOffset = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOffset ?? 0, nameof(maxOffset));

        var customers = new Dictionary<TKey, int>();
        // (customer << 32 | period): one sort groups each customer's periods, oldest first.
        var visits = new List<long>();
        var last = end is { } e ? Periods.Index(e, period) : int.MinValue;
        foreach (var (customer, date) in purchases)
        {
            if (date > end)
            {
                continue;
            }

            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(customers, customer, out var known);
            if (!known)
            {
                id = customers.Count - 1;
            }

            var index = Periods.Index(date, period);
            visits.Add(((long)id << 32) | (uint)index);
            if (end is null)
            {
                last = Math.Max(last, index);
            }
        }

        var span = CollectionsMarshal.AsSpan(visits);
        span.Sort();
        var cohorts = Count(span, last, maxOffset);
        return new RetentionMatrix(period, Rows(cohorts, period));
    }

    // Cohort period → customers active at each offset.
    private static SortedDictionary<int, int[]> Count(ReadOnlySpan<long> visits, int last, int? maxOffset)
    {
        var cohorts = new SortedDictionary<int, int[]>();
        int[] counts = [];
        long customer = -1;
        var first = 0;
        var previous = 0;
        foreach (var visit in visits)
        {
            var index = unchecked((int)visit);
            if (visit >> 32 != customer)
            {
                customer = visit >> 32;
                first = index;
                if (!cohorts.TryGetValue(first, out var row))
                {
                    row = new int[Math.Min(last - first, maxOffset ?? int.MaxValue) + 1];
                    cohorts.Add(first, row);
                }

                counts = row;
            }
            else if (index == previous)
            {
                continue;
            }

            previous = index;
            var offset = index - first;
            if (offset < counts.Length)
            {
                counts[offset]++;
            }
        }

        return cohorts;
    }

    private static List<CohortRow> Rows(SortedDictionary<int, int[]> cohorts, CohortPeriod period)
    {
        var rows = new List<CohortRow>(cohorts.Count);
        foreach (var (start, counts) in cohorts)
        {
            var size = counts[0];
            var cells = new CohortCell[counts.Length];
            for (var offset = 0; offset < counts.Length; offset++)
            {
                cells[offset] = new CohortCell(offset, counts[offset], (double)counts[offset] / size);
            }

            rows.Add(new CohortRow(Periods.Start(start, period), size, cells));
        }

        return rows;
    }
}
