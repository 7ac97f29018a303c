namespace Tango.Domain.Ledger;

/// <summary>What earning needs to know about an order; amounts are in the program's currency.</summary>
public sealed record Purchase(decimal Total, IReadOnlyList<OrderLine> Lines, string? Channel, DateTimeOffset OccurredAt);
