namespace Tango.Domain.Ledger;

/// <summary>Points earned together that are still unspent; <paramref name="ExpiresAt"/> null never expires.</summary>
public sealed record Lot(long LotId, long Remaining, DateTimeOffset? ExpiresAt);
