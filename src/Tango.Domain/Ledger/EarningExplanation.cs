namespace Tango.Domain.Ledger;

/// <summary>
/// Why an order earned what it earned, in a form a dashboard can show: one line of <see cref="Text"/>, and
/// the verdict of every rule in the order they were weighed.
/// </summary>
public sealed record EarningExplanation(
    long Points,
    long BasePoints,
    string Text,
    IReadOnlyList<RuleVerdict> Rules,
    IReadOnlyList<ExcludedLine> Excluded,
    decimal PaidWithPointsOrWallet);

/// <summary>A rule's part: the points it added (after rounding) and, when it added none, why not.</summary>
public sealed record RuleVerdict(string RuleId, bool Applied, long Points, string Why);

/// <summary>A line that earned nothing because the program excludes it.</summary>
public sealed record ExcludedLine(string? Sku, string? Category, decimal Amount, string Why);
