using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>A purchase's lines with the amounts points are earned on.</summary>
internal sealed class PricedOrder
{
    private readonly decimal _rawSum;
    private readonly decimal _total;
    private readonly bool _scaled;

    private PricedOrder(IReadOnlyList<PricedLine> lines, IReadOnlyList<PricedLine> excluded, decimal rawSum, decimal total,
        decimal orderTotal, decimal paidElsewhere)
    {
        Lines = lines;
        Excluded = excluded;
        _rawSum = rawSum;
        _total = total;
        _scaled = rawSum != total;
        PaidElsewhere = paidElsewhere;
        var eligibleRaw = excluded.Count == 0 ? rawSum : lines.Sum(l => l.Raw);
        Amount = excluded.Count == 0 ? total : AmountOf(eligibleRaw);
        // minTotal is judged on what the customer bought that can earn: a gift card does not make a basket big.
        ConditionTotal = excluded.Count == 0 ? orderTotal
            : eligibleRaw == rawSum ? orderTotal
            : rawSum == 0 ? 0m : eligibleRaw * orderTotal / rawSum;
    }

    /// <summary>The lines that may earn (not excluded).</summary>
    public IReadOnlyList<PricedLine> Lines { get; }

    /// <summary>Lines the program's exclusions keep from earning.</summary>
    public IReadOnlyList<PricedLine> Excluded { get; }

    /// <summary>What the whole order earns on: its total, less excluded lines and the share paid with points or wallet.</summary>
    public decimal Amount { get; }

    /// <summary>The order total that <c>minTotal</c> conditions compare with.</summary>
    public decimal ConditionTotal { get; }

    /// <summary>The share of the total paid with points or wallet that earns nothing.</summary>
    public decimal PaidElsewhere { get; }

    public static PricedOrder From(Purchase purchase, EarningPolicy? policy = null)
    {
        var paid = PaidElsewhereOf(purchase, policy);
        var earnTotal = purchase.Total - paid;
        var source = purchase.Lines ?? [];
        var lines = new List<PricedLine>(source.Count);
        var sum = 0m;
        foreach (var line in source)
        {
            var raw = checked(line.Quantity * line.UnitPrice);
            lines.Add(new PricedLine(line.Sku, line.Category, raw));
            sum += raw;
        }

        // Without lines, or with lines that cannot be scaled (they sum to zero or less), the order is one
        // line of its total that no sku or category condition matches.
        if (lines.Count == 0 || (sum <= 0 && sum != purchase.Total))
        {
            return new PricedOrder([new PricedLine(null, null, earnTotal)], [], earnTotal, earnTotal, purchase.Total, paid);
        }

        if (policy?.Exclude is { } exclude && (exclude.Categories is { Count: > 0 } || exclude.Skus is { Count: > 0 }))
        {
            var kept = lines.Where(l => !IsExcluded(exclude, l)).ToList();
            var excluded = lines.Where(l => IsExcluded(exclude, l)).ToList();
            return new PricedOrder(kept, excluded, sum, earnTotal, purchase.Total, paid);
        }

        return new PricedOrder(lines, [], sum, earnTotal, purchase.Total, paid);
    }

    /// <summary>
    /// The scaled amount of lines whose unscaled amounts add up to <paramref name="raw"/>. Scaling the sum
    /// rather than each line keeps "all lines" exactly equal to the total (10/3 × 3 is not 10 in decimal).
    /// </summary>
    public decimal AmountOf(decimal raw) => !_scaled ? raw : raw == _rawSum ? _total : raw * _total / _rawSum;

    public static bool IsExcluded(EarningExclusions exclude, PricedLine line) =>
        (line.Category is not null && exclude.Categories is { Count: > 0 } categories &&
         categories.Contains(line.Category, StringComparer.OrdinalIgnoreCase)) ||
        (line.Sku is not null && exclude.Skus is { Count: > 0 } skus && skus.Contains(line.Sku, StringComparer.Ordinal));

    /// <summary>Points and wallet never pay for more than the total; what they paid earns nothing unless the program says so.</summary>
    private static decimal PaidElsewhereOf(Purchase purchase, EarningPolicy? policy)
    {
        if (policy?.PointsPaidShare == PaidShare.Earn || purchase.Total <= 0)
        {
            return 0m;
        }
        var paid = Math.Max(0m, purchase.PaidWithPoints) + Math.Max(0m, purchase.PaidWithWallet);
        return Math.Min(paid, purchase.Total);
    }
}

internal sealed record PricedLine(string? Sku, string? Category, decimal Raw);
