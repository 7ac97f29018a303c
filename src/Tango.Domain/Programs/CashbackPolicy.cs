namespace Tango.Domain.Programs;

public sealed record CashbackPolicy
{
    /// <summary>Share of the order total credited to the wallet, 0..100.</summary>
    public decimal Percent { get; init; }
}
