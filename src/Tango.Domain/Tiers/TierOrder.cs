namespace Tango.Domain.Tiers;

/// <summary>
/// One order as tier qualification counts it: its total and points net of what was refunded so far.
/// Every order counts once for the purchases metric, as on the purchase path.
/// </summary>
public readonly record struct TierOrder(DateTimeOffset At, decimal Spend, long Points)
{
    public decimal Value(string? metric) => metric switch
    {
        TierMetrics.Points => Points,
        TierMetrics.Purchases => 1m,
        _ => Spend,
    };
}
