namespace Tango.Domain.Programs;

public sealed record RewardDefinition
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>"coupon", "product", "experience" or "access".</summary>
    public string Kind { get; init; } = "";

    public long CostPoints { get; init; }

    /// <summary>Whether the reward can be carried off (a discount) rather than lived (access, experience).</summary>
    public bool Portable { get; init; }

    /// <summary>Tier ids allowed to take it; null means everyone.</summary>
    public IReadOnlyList<string>? Tiers { get; init; }

    /// <summary>Units left; null means unlimited.</summary>
    public int? Stock { get; init; }

    public decimal? DiscountAmount { get; init; }

    public decimal? DiscountPercent { get; init; }

    /// <summary>First local date (program time zone) on which everyone may take it; null is always.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last local date on which it may be taken; null is no end.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>
    /// Member-only: who may see and take it. With <see cref="EarlyAccessDays"/>, who may take it that many days
    /// before <see cref="ValidFrom"/> (everyone may from then on).
    /// </summary>
    public RewardAudience? VisibleTo { get; init; }

    public int? EarlyAccessDays { get; init; }
}
