namespace Tango.Domain.Ledger;

public sealed record OrderLine(string Sku, string? Category, decimal Quantity, decimal UnitPrice);
