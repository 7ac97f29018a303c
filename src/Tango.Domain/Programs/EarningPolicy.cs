namespace Tango.Domain.Programs;

public sealed record EarningPolicy
{
    /// <summary>Points per whole unit of the program currency, before multipliers.</summary>
    public decimal PointsPerUnit { get; init; } = 1m;

    /// <summary>How the order's points are rounded, once, after every rule is applied.</summary>
    public Rounding Rounding { get; init; } = Rounding.Down;

    public IReadOnlyList<EarningRule>? Rules { get; init; }

    /// <summary>Lines that never earn (gift cards, deposits): no base, no rule, and no part in <c>minTotal</c>.</summary>
    public EarningExclusions? Exclude { get; init; }

    /// <summary>
    /// What the share of an order paid with points or wallet earns; null means <see cref="PaidShare.Exclude"/>,
    /// so nobody earns points by spending points. Awaits the purchase path (see docs/rewards.md).
    /// </summary>
    public PaidShare? PointsPaidShare { get; init; }

    /// <summary>Days earned points stay pending before they can be spent (the return window); null or 0 is at once.</summary>
    public int? PendingDays { get; init; }

    /// <summary>The most points one member earns from purchases per day or month.</summary>
    public EarningLimits? Limits { get; init; }
}
