namespace Tango.Domain.Tiers;

/// <summary>
/// The rolling window: at instant t an order counts when t.AddMonths(-months) &lt; its instant ≤ t, exactly
/// as the purchase path reads it.
/// </summary>
public static class TierWindow
{
    public static DateTimeOffset Since(DateTimeOffset at, int months) => at.AddMonths(-months);

    /// <summary>
    /// The first instant at which an order placed at <paramref name="at"/> no longer counts. Usually
    /// at + months; when that month is too short for the day (31 January + 1 month), the first of the next month.
    /// </summary>
    public static DateTimeOffset DropOut(DateTimeOffset at, int months)
    {
        var plus = at.AddMonths(months);
        if (plus.Day == at.Day)
        {
            return plus;
        }
        var next = plus.AddMonths(1);
        return new DateTimeOffset(next.Year, next.Month, 1, 0, 0, 0, at.Offset);
    }

    /// <param name="orders">The member's orders, oldest first.</param>
    public static decimal Metric(IReadOnlyList<TierOrder> orders, string? metric, DateTimeOffset at, int months)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var since = Since(at, months);
        var sum = 0m;
        foreach (var order in orders)
        {
            if (order.At > since && order.At <= at)
            {
                sum += order.Value(metric);
            }
        }
        return sum;
    }

    /// <summary>
    /// The last instant up to which the orders kept the metric at <paramref name="threshold"/> or more, if no
    /// more orders come: the latest drop-out time D such that the orders counting just before D reach the
    /// threshold. Null when the threshold is 0 (always met) or was never reached.
    /// </summary>
    public static DateTimeOffset? QualifiedUntil(IReadOnlyList<TierOrder> orders, string? metric, decimal threshold, int months)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (threshold <= 0 || orders.Count == 0)
        {
            return null;
        }
        // Orders are sorted by instant and drop-outs move with them, so the orders counting just before a
        // drop-out D are a contiguous run [lo, hi): drop-out ≥ D and instant < D. Walk D downwards.
        var drops = orders.Select(o => DropOut(o.At, months)).ToArray();
        var hi = orders.Count;
        var lo = orders.Count;
        var sum = 0m;
        for (var d = drops.Length - 1; d >= 0; d--)
        {
            if (d < drops.Length - 1 && drops[d] == drops[d + 1])
            {
                continue;
            }
            var dropAt = drops[d];
            while (lo > 0 && drops[lo - 1] >= dropAt)
            {
                lo--;
                sum += orders[lo].Value(metric);
            }
            while (hi > lo && orders[hi - 1].At >= dropAt)
            {
                hi--;
                sum -= orders[hi].Value(metric);
            }
            if (sum >= threshold)
            {
                return dropAt;
            }
        }
        return null;
    }

    /// <summary>
    /// When the metric last rose to <paramref name="threshold"/> or more, up to <paramref name="now"/>: the start
    /// of the member's latest run of qualifying. Null for a threshold of 0 or one never reached.
    /// </summary>
    public static DateTimeOffset? ReachedAt(IReadOnlyList<TierOrder> orders, string? metric, decimal threshold, int months, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (threshold <= 0)
        {
            return null;
        }
        var changes = orders.Where(o => o.At <= now).Select(o => (At: o.At, Delta: o.Value(metric)))
            .Concat(orders.Where(o => o.At <= now).Select(o => (At: DropOut(o.At, months), Delta: -o.Value(metric))))
            .Where(c => c.At <= now)
            .OrderBy(c => c.At)
            .ToList();
        var sum = 0m;
        DateTimeOffset? reached = null;
        for (var i = 0; i < changes.Count; i++)
        {
            var before = sum;
            var at = changes[i].At;
            // Everything that happens at one instant is one step.
            for (; i < changes.Count && changes[i].At == at; i++)
            {
                sum += changes[i].Delta;
            }
            i--;
            if (before < threshold && sum >= threshold)
            {
                reached = at;
            }
        }
        return reached;
    }
}
