using System.Globalization;
using Tango.Domain.Programs;

namespace Tango.Domain.Tiers;

/// <summary>What a tier review decided for one member; <paramref name="Changed"/> false leaves the tier as it is.</summary>
public sealed record TierDecision(string? Before, string? After, bool Changed, string Reason);

/// <summary>
/// The periodic tier review. A member moves up to the highest tier the window qualifies them for now; a
/// member keeps their tier (or a lower one they qualified for) until downgradeGraceMonths after they last
/// qualified for it, and only then moves down. A tier the program no longer has keeps no one.
/// </summary>
public static class TierReview
{
    /// <param name="stored">The member's stored tier id (null: never placed, which counts as the starting tier).</param>
    /// <param name="orders">The member's orders, oldest first, net of refunds.</param>
    public static TierDecision Decide(ProgramDocument program, string? stored, IReadOnlyList<TierOrder> orders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var ladder = new TierLadder(program);
        var current = ladder.Effective(stored);
        var currentRank = ladder.Rank(current?.Id);
        var metric = TierWindow.Metric(orders, ladder.Metric, now, ladder.WindowMonths);
        for (var rank = ladder.Tiers.Count - 1; rank >= 0; rank--)
        {
            var tier = ladder.Tiers[rank];
            var threshold = ladder.Threshold(tier);
            if (metric >= threshold)
            {
                return Decision(stored, current, tier, rank > currentRank
                    ? $"qualifies for {Name(tier)}: {Describe(ladder, metric)} in the {ladder.WindowMonths} months to {Date(now)} (needs {Describe(ladder, threshold)})"
                    : Lost(ladder, current, tier, orders));
            }
            if (rank <= currentRank && TierWindow.QualifiedUntil(orders, ladder.Metric, threshold, ladder.WindowMonths) is { } until &&
                until.AddMonths(ladder.GraceMonths) > now)
            {
                return Decision(stored, current, tier, Lost(ladder, current, tier, orders));
            }
        }
        return Decision(stored, current, null, Lost(ladder, current, null, orders));
    }

    private static TierDecision Decision(string? stored, TierDefinition? current, TierDefinition? target, string reason)
    {
        // A member never placed is in the starting tier already; placing them there is no change.
        var removed = stored is not null && current is null;
        var changed = target?.Id != current?.Id || removed;
        if (removed)
        {
            reason = $"tier '{stored}' is no longer in the program" + (target is null ? "" : $"; placed in {Name(target)}");
        }
        return new TierDecision(stored, changed ? target?.Id : stored, changed, changed ? reason : "unchanged");
    }

    private static string Lost(TierLadder ladder, TierDefinition? current, TierDefinition? target, IReadOnlyList<TierOrder> orders)
    {
        if (current is null)
        {
            return target is null ? "no tier reached" : $"placed in {Name(target)}";
        }
        var until = TierWindow.QualifiedUntil(orders, ladder.Metric, ladder.Threshold(current), ladder.WindowMonths);
        var since = until is { } u ? $"since {Date(u)}" : "ever";
        return $"no longer qualifies for {Name(current)} {since}; the {ladder.GraceMonths} months' grace ended" +
            (until is { } end ? $" {Date(end.AddMonths(ladder.GraceMonths))}" : "");
    }

    private static string Describe(TierLadder ladder, decimal value) => ladder.Metric switch
    {
        TierMetrics.Points => $"{value.ToString("0", CultureInfo.InvariantCulture)} points",
        TierMetrics.Purchases => $"{value.ToString("0", CultureInfo.InvariantCulture)} purchases",
        _ => $"{TierStandings.Money(value, ladder.Currency)} {ladder.Currency} spent",
    };

    private static string Name(TierDefinition tier) => tier.Name.Length > 0 ? tier.Name : tier.Id;

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
