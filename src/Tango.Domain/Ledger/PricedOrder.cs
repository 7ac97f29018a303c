namespace Tango.Domain.Ledger;

/// <summary>A purchase's lines with the amounts points are earned on.</summary>
internal sealed class PricedOrder
{
    private readonly decimal _rawSum;
    private readonly decimal _total;
    private readonly bool _scaled;

    private PricedOrder(IReadOnlyList<PricedLine> lines, decimal rawSum, decimal total)
    {
        Lines = lines;
        _rawSum = rawSum;
        _total = total;
        _scaled = rawSum != total;
    }

    public IReadOnlyList<PricedLine> Lines { get; }

    /// <summary>What the whole order earns on: its total.</summary>
    public decimal Amount => _total;

    public static PricedOrder From(Purchase purchase)
    {
        var lines = (purchase.Lines ?? [])
            .Select(l => new PricedLine(l.Sku, l.Category, checked(l.Quantity * l.UnitPrice)))
            .ToList();
        var sum = lines.Sum(l => l.Raw);

        // Without lines, or with lines that cannot be scaled (they sum to zero or less), the order is one
        // line of its total that no sku or category condition matches.
        if (lines.Count == 0 || (sum <= 0 && sum != purchase.Total))
        {
            return new PricedOrder([new PricedLine(null, null, purchase.Total)], purchase.Total, purchase.Total);
        }

        return new PricedOrder(lines, sum, purchase.Total);
    }

    /// <summary>
    /// The scaled amount of lines whose unscaled amounts add up to <paramref name="raw"/>. Scaling the sum
    /// rather than each line keeps "all lines" exactly equal to the total (10/3 × 3 is not 10 in decimal).
    /// </summary>
    public decimal AmountOf(decimal raw) => !_scaled ? raw : raw == _rawSum ? _total : raw * _total / _rawSum;
}

internal sealed record PricedLine(string? Sku, string? Category, decimal Raw);
