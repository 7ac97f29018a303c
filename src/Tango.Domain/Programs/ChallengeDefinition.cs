namespace Tango.Domain.Programs;

public sealed record ChallengeDefinition
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Event type that counts, e.g. "purchase" or "custom.review".</summary>
    public string Event { get; init; } = "";

    /// <summary>Events needed within the window.</summary>
    public int Count { get; init; } = 1;

    public int WindowDays { get; init; }

    public ChallengeReward? Reward { get; init; }
}
