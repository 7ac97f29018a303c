namespace Tango.Domain.Programs;

/// <summary>
/// Surprise rewards the engine grants by itself: a chance per qualifying event, a monthly budget per tenant,
/// never the same surprise twice in a row to one member and at most one per member per period.
/// </summary>
public sealed record SurprisePolicy
{
    /// <summary>What the tenant's surprises may cost per calendar month (UTC), in points.</summary>
    public long MonthlyBudgetPoints { get; init; }

    /// <summary>Chance per qualifying event, 0..100.</summary>
    public decimal ChancePercent { get; init; }

    /// <summary>Days that must pass after one member's surprise before the next.</summary>
    public int MinDaysBetweenPerMember { get; init; } = 30;

    public IReadOnlyList<SurpriseReward>? Rewards { get; init; }
}

/// <summary>Either <see cref="Points"/> credited to the member, or the catalog reward <see cref="RewardId"/> given free.</summary>
public sealed record SurpriseReward
{
    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public long? Points { get; init; }

    public string? RewardId { get; init; }
}
