using Tango.Domain.Programs;

namespace Tango.Domain.Tiers;

/// <summary>The tier metrics and which tier field each one reads.</summary>
public static class TierMetrics
{
    public const string Spend = "spend";
    public const string Points = "points";
    public const string Purchases = "purchases";

    public static bool IsKnown(string? metric) => metric is Spend or Points or Purchases;

    /// <summary>The threshold a member must reach on <paramref name="metric"/> to hold the tier.</summary>
    public static decimal Threshold(TierDefinition tier, string? metric)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return metric switch
        {
            Points => tier.MinPoints ?? tier.MinSpend,
            // Purchases are whole; a fractional fallback threshold is truncated, as (int)MinSpend would.
            Purchases => tier.MinPurchases ?? decimal.Truncate(tier.MinSpend),
            _ => tier.MinSpend,
        };
    }
}
