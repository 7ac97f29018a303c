using System.Collections.Immutable;
using Tango.Domain.Challenges;

namespace Tango.Domain.Purchases;

/// <summary>A completed occurrence of a challenge.</summary>
public readonly record struct ChallengeCompletion(string ChallengeId, CompletedSpan Span);

/// <summary>A referral waiting for the friend's first qualifying purchase, with what the self-referral check needs of the friend.</summary>
public sealed record PendingReferral(string ReferrerId, DateTimeOffset AttributedAt, string? FriendEmail, string? FriendPhone);

/// <summary>
/// What a purchase or refund decision needs of a member, and what it hands on to the member's next event: the balances
/// and tier, and the member's orders, completions, cards and referrals that the rules look at. The write path fills it
/// with what it read around a batch and folds the batch's purchases over it; the simulation folds a whole history.
/// Only the parts the program's rules use need to be filled (the orders around a purchase for tiers, limits and
/// challenges; the referral parts for a friend's purchase that can settle its referral).
/// </summary>
public sealed record MemberState(string MemberId)
{
    /// <summary>False for a member first seen in this purchase (the purchase enrols it).</summary>
    public bool Enrolled { get; init; }

    public bool Erased { get; init; }

    public long Balance { get; init; }

    public long WalletMinor { get; init; }

    public string? TierId { get; init; }

    public ImmutableList<OrderFact> Orders { get; init; } = [];

    public ImmutableList<ChallengeCompletion> Completions { get; init; } = [];

    /// <summary>Hashes of the payment cards the member paid with (for the self-referral check).</summary>
    public ImmutableHashSet<string> Cards { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>The member's own referral, while it waits for a qualifying purchase.</summary>
    public PendingReferral? Referral { get; init; }

    /// <summary>When referrals this member made were paid (for the referrer's monthly cap).</summary>
    public ImmutableList<DateTimeOffset> ReferralsPaid { get; init; } = [];

    /// <summary>The window totals the tier rules weigh at <paramref name="at"/>: orders in (since, at], net of refunds.</summary>
    public (long SpendMinor, long Points, int Count) Window(DateTimeOffset since, DateTimeOffset at)
    {
        long spend = 0, points = 0;
        var count = 0;
        foreach (var order in Orders)
        {
            if (order.At > since && order.At <= at)
            {
                spend = checked(spend + order.NetSpendMinor);
                points = checked(points + order.NetPoints);
                count++;
            }
        }
        return (spend, points, count);
    }

    /// <summary>What the member's orders earned (net of claw-backs) in [from, until).</summary>
    public long EarnedBetween(DateTimeOffset from, DateTimeOffset until)
    {
        long earned = 0;
        foreach (var order in Orders)
        {
            earned += order.At >= from && order.At < until ? order.NetPoints : 0;
        }
        return earned;
    }

    /// <summary>The state after a credit beside a purchase's own earning (a challenge, a referral).</summary>
    public MemberState Credit(long points) => this with { Balance = checked(Balance + points) };
}
