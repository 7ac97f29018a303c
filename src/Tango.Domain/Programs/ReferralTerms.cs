namespace Tango.Domain.Programs;

public sealed record ReferralTerms
{
    public long ReferrerPoints { get; init; }

    public long FriendPoints { get; init; }

    /// <summary>The friend's first purchase must reach this total for both sides to be paid.</summary>
    public decimal MinFirstPurchase { get; init; }

    /// <summary>Cap on paid referrals per referrer per month.</summary>
    public int MaxRewardsPerMonth { get; init; }
}
