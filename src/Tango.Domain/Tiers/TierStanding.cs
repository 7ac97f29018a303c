using System.Globalization;
using Tango.Domain.Money;
using Tango.Domain.Programs;

namespace Tango.Domain.Tiers;

/// <summary>How far a member is from the next tier: <paramref name="Needed"/> more of the metric, best before <paramref name="By"/>.</summary>
public sealed record TierProgress(string NextTier, string Metric, decimal Current, decimal Needed, DateTimeOffset? By, string Text);

/// <summary>
/// What keeps the tier held: <paramref name="Needed"/> more of the metric before <paramref name="By"/> (the day the
/// orders counting now no longer reach the tier, or, once that has passed, the end of the grace).
/// </summary>
public sealed record TierKeep(decimal Needed, DateTimeOffset? By, string Text);

/// <summary>
/// A member's tier as of now: since when they qualified for it, until when they stay qualified without buying
/// again, when the grace after that ends, what keeps it, and their progress to the next tier (null in the top tier).
/// <paramref name="InGrace"/>: the qualification has already run out and the tier holds only until <paramref name="GraceUntil"/>.
/// </summary>
public sealed record TierStanding(
    TierDefinition? Tier,
    decimal Current,
    DateTimeOffset? QualifiedUntil,
    DateTimeOffset? GraceUntil,
    TierProgress? Progress,
    bool InGrace = false)
{
    /// <summary>Null for a tier that asks for nothing (the one everyone starts in).</summary>
    public TierKeep? Keep { get; init; }
}

public static class TierStandings
{
    /// <param name="stored">The member's stored tier id (null: never placed).</param>
    /// <param name="orders">The member's orders, oldest first.</param>
    public static TierStanding Of(ProgramDocument program, string? stored, IReadOnlyList<TierOrder> orders, DateTimeOffset now)
    {
        var ladder = new TierLadder(program);
        var tier = Held(program, ladder, stored, orders, now);
        var current = TierWindow.Metric(orders, ladder.Metric, now, ladder.WindowMonths);
        DateTimeOffset? until = null;
        DateTimeOffset? grace = null;
        if (tier is not null && ladder.Threshold(tier) > 0)
        {
            until = TierWindow.QualifiedUntil(orders, ladder.Metric, ladder.Threshold(tier), ladder.WindowMonths);
            grace = until?.AddMonths(ladder.GraceMonths);
        }
        var next = ladder.Tiers.Skip(ladder.Rank(tier?.Id) + 1).FirstOrDefault();
        var progress = next is null ? null : Progress(ladder, next, orders, current, now);
        return new TierStanding(tier, current, until, grace, progress, until <= now)
        {
            Keep = tier is not null && ladder.Threshold(tier) > 0 ? Keep(ladder, tier, orders, current, until, grace, now) : null,
        };
    }

    /// <summary>
    /// Before <paramref name="until"/>, what the orders still counting then leave short of the threshold, bought before
    /// then, holds the tier on; after it (in the grace), qualifying again now does, before the grace ends.
    /// </summary>
    private static TierKeep Keep(TierLadder ladder, TierDefinition tier, IReadOnlyList<TierOrder> orders, decimal current,
        DateTimeOffset? until, DateTimeOffset? grace, DateTimeOffset now)
    {
        var threshold = ladder.Threshold(tier);
        var (counting, by) = until is { } u && u > now
            ? (TierWindow.Metric(orders, ladder.Metric, u, ladder.WindowMonths), until)
            : (current, grace is { } g && g > now ? grace : null);
        var needed = Math.Max(0m, threshold - counting);
        return new TierKeep(needed, by, Text(ladder, tier, needed, by, "keep"));
    }

    /// <summary>
    /// The stored tier, unless its grace is already over: then the tier the review will move the member down to, so the
    /// answer never shows a tier that stopped holding (after an import of old orders, say) before the review has run.
    /// </summary>
    private static TierDefinition? Held(ProgramDocument program, TierLadder ladder, string? stored, IReadOnlyList<TierOrder> orders,
        DateTimeOffset now)
    {
        var tier = ladder.Effective(stored);
        if (tier is null || ladder.Threshold(tier) <= 0)
        {
            return tier;
        }
        var review = TierReview.Decide(program, stored, orders, now);
        return review.Changed && ladder.Rank(review.After) < ladder.Rank(tier.Id) ? ladder.Find(review.After) : tier;
    }

    private static TierProgress Progress(TierLadder ladder, TierDefinition next, IReadOnlyList<TierOrder> orders, decimal current, DateTimeOffset now)
    {
        var needed = Math.Max(0m, ladder.Threshold(next) - current);
        // What counts now starts to fall out of the window when its oldest order does.
        var since = TierWindow.Since(now, ladder.WindowMonths);
        DateTimeOffset? by = null;
        foreach (var order in orders)
        {
            if (order.At > since && order.At <= now && order.Value(ladder.Metric) > 0)
            {
                by = TierWindow.DropOut(order.At, ladder.WindowMonths);
                break;
            }
        }
        return new TierProgress(next.Id, ladder.Metric, current, needed, needed > 0 ? by : null, Text(ladder, next, needed, by, "reach"));
    }

    /// <summary>E.g. "spend 120.00 more by 2027-03-01 to reach Gold", "spend 300.00 more by 2027-11-01 to keep Gold".</summary>
    private static string Text(TierLadder ladder, TierDefinition tier, decimal needed, DateTimeOffset? by, string verb)
    {
        var name = tier.Name.Length > 0 ? tier.Name : tier.Id;
        if (needed <= 0)
        {
            return verb == "keep" ? $"qualifies for {name} now" : $"qualifies for {name}; the move happens at the next purchase or tier review";
        }
        var amount = ladder.Metric switch
        {
            TierMetrics.Points => $"earn {needed.ToString("0", CultureInfo.InvariantCulture)} more points",
            TierMetrics.Purchases => needed == 1 ? "make 1 more purchase" : $"make {needed.ToString("0", CultureInfo.InvariantCulture)} more purchases",
            _ => $"spend {Money(needed, ladder.Currency)} more",
        };
        var deadline = by is { } b ? $" by {b.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
        return $"{amount}{deadline} to {verb} {name}";
    }

    internal static string Money(decimal amount, string currency)
    {
        var digits = Currency.IsKnown(currency) ? Currency.MinorUnits(currency) : 2;
        return amount.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
