namespace Tango.Domain.Programs;

public sealed record ChallengeReward
{
    public long? Points { get; init; }

    public string? Badge { get; init; }
}
