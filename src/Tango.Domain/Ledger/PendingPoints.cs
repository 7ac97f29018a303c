using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>
/// Points earned by a purchase stay pending until its return window is over, so a customer cannot spend
/// points on an order they then send back. The purchase path stores the unlock time on the order's lot.
/// </summary>
public static class PendingPoints
{
    /// <summary>When points earned at <paramref name="earnedAt"/> may be spent; null when they may at once.</summary>
    public static DateTimeOffset? AvailableAt(EarningPolicy policy, DateTimeOffset earnedAt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.PendingDays is { } days and > 0 ? earnedAt.AddDays(days) : null;
    }

    public static bool IsPending(EarningPolicy policy, DateTimeOffset earnedAt, DateTimeOffset now) =>
        AvailableAt(policy, earnedAt) is { } available && now < available;

    /// <summary>How many of these credits are still pending at <paramref name="now"/> (the balance's pendingPoints).</summary>
    public static long Pending(EarningPolicy policy, IEnumerable<(long Points, DateTimeOffset EarnedAt)> credits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credits);
        long pending = 0;
        foreach (var (points, earnedAt) in credits)
        {
            if (points > 0 && IsPending(policy, earnedAt, now))
            {
                pending = checked(pending + points);
            }
        }
        return pending;
    }
}
