namespace Tango.Domain.Programs;

/// <summary>A line is excluded when its category (case-insensitive) or its sku (exact) is listed.</summary>
public sealed record EarningExclusions
{
    public IReadOnlyList<string>? Categories { get; init; }

    public IReadOnlyList<string>? Skus { get; init; }
}
