namespace Tango.Domain.Ledger;

/// <summary>What earning needs to know about an order; amounts are in the program's currency.</summary>
public sealed record Purchase(decimal Total, IReadOnlyList<OrderLine> Lines, string? Channel, DateTimeOffset OccurredAt)
{
    /// <summary>The part of <see cref="Total"/> paid with points (purchase data <c>paidWithPoints</c>).</summary>
    public decimal PaidWithPoints { get; init; }

    /// <summary>The part of <see cref="Total"/> paid from the cashback wallet (purchase data <c>paidWithWallet</c>).</summary>
    public decimal PaidWithWallet { get; init; }
}
