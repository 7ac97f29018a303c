namespace Tango.Domain.Programs;

/// <summary>
/// Caps on what one member earns from purchases, per local day and per local month of the program's time
/// zone; null is no cap. Bonuses granted by hand (adjustments, surprises) do not count.
/// </summary>
public sealed record EarningLimits
{
    public long? PerDay { get; init; }

    public long? PerMonth { get; init; }
}
