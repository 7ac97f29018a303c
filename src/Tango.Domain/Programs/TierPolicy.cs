namespace Tango.Domain.Programs;

public sealed record TierPolicy
{
    /// <summary>"spend", "points" or "purchases".</summary>
    public string Metric { get; init; } = "spend";

    /// <summary>The metric is summed over this many trailing months.</summary>
    public int WindowMonths { get; init; } = 12;

    /// <summary>Months a member keeps a tier after no longer qualifying for it.</summary>
    public int DowngradeGraceMonths { get; init; }
}
