namespace Tango.Domain.Programs;

/// <summary>
/// All set conditions must hold. Categories and skus are line conditions; the rest are order conditions.
/// An empty list is the same as no condition.
/// </summary>
public sealed record RuleConditions
{
    /// <summary>Line category in this list, case-insensitive.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Line sku in this list, exact.</summary>
    public IReadOnlyList<string>? Skus { get; init; }

    /// <summary>Order channel in this list, case-insensitive.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>"mon".."sun", in the program's time zone.</summary>
    public IReadOnlyList<string>? DaysOfWeek { get; init; }

    /// <summary>First local date (inclusive) in the program's time zone.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last local date (inclusive) in the program's time zone.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Order total at least this.</summary>
    public decimal? MinTotal { get; init; }
}
