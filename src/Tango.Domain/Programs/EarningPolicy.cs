namespace Tango.Domain.Programs;

public sealed record EarningPolicy
{
    /// <summary>Points per whole unit of the program currency, before multipliers.</summary>
    public decimal PointsPerUnit { get; init; } = 1m;

    /// <summary>How the order's points are rounded, once, after every rule is applied.</summary>
    public Rounding Rounding { get; init; } = Rounding.Down;

    public IReadOnlyList<EarningRule>? Rules { get; init; }
}
