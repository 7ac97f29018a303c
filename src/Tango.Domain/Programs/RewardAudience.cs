namespace Tango.Domain.Programs;

/// <summary>Members in any of these tiers or any of these RFM segments.</summary>
public sealed record RewardAudience
{
    public IReadOnlyList<string>? Tiers { get; init; }

    public IReadOnlyList<string>? Segments { get; init; }
}
