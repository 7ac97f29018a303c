namespace Tango.Domain.Programs;

public sealed record TierDefinition
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Threshold for the "spend" metric, and the fallback for the others.</summary>
    public decimal MinSpend { get; init; }

    /// <summary>Factor on the base points of members in this tier; null means 1.</summary>
    public decimal? Multiplier { get; init; }

    /// <summary>Threshold for the "points" metric; null falls back to <see cref="MinSpend"/>.</summary>
    public decimal? MinPoints { get; init; }

    /// <summary>Threshold for the "purchases" metric; null falls back to <see cref="MinSpend"/>.</summary>
    public int? MinPurchases { get; init; }
}
