using Tango.Domain.Challenges;
using Tango.Domain.Ledger;
using Tango.Domain.Referrals;
using Tango.Domain.Tiers;

namespace Tango.Domain.Purchases;

/// <summary>A purchase as the decision takes it: the order, when and with which card it was paid (hashed), if sent.</summary>
public sealed record PurchaseFacts(string OrderId, Purchase Purchase, long TotalMinor, string? CardHash = null)
{
    public DateTimeOffset At => Purchase.OccurredAt;

    /// <summary>When the purchase reached Tango (null: as it occurred); a purchase received long after it occurred is history.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

/// <summary>Why a purchase changed nothing.</summary>
public enum PurchaseRefusal { None, MemberErased, MemberUnknown }

/// <summary>
/// Points credited into a lot of their own; <paramref name="LotRemaining"/> is what is left in the lot once the
/// credit has paid the member's negative balance, if any.
/// </summary>
public readonly record struct Credit(long Points, long LotRemaining);

/// <summary>A challenge the purchase counted for, and when it completed one, the completion's span and credit.</summary>
public sealed record ChallengeProgress(ChallengeRule Rule, ChallengeJudgement Judgement, Credit? Credit);

/// <summary>
/// What a referred friend's purchase did to the referral: the decision, and when it paid, each side's credit.
/// <see cref="Referrer"/> is the referrer's state after its credit (null when it was not paid).
/// </summary>
public sealed record ReferralSettling(PendingReferral Pending, ReferralDecision Decision, Credit? FriendCredit, Credit? ReferrerCredit,
    MemberState? Referrer);

/// <summary>
/// Everything a purchase does to a member, decided at once: the earning (with limits withheld), its lot, the tier move,
/// the challenges and the referral, and the member's state after it. The store writes it; the simulation sums it.
/// </summary>
public sealed record PurchaseOutcome(PurchaseRefusal Refusal, MemberState Next)
{
    public EarningResult Earning { get; init; } = new(0, [], 0);

    /// <summary>The dashboard's one-line explanation of the base line, when asked for and the program has rules.</summary>
    public string? Explanation { get; init; }

    /// <summary>The lot of the points the order earned; null when it earned none.</summary>
    public Credit? Lot { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the earned points may be spent (pending points); null: at once.</summary>
    public DateTimeOffset? AvailableAt { get; init; }

    public TierChange Tier { get; init; } = new(null, null);

    /// <summary>When the tier window was judged: the purchase's instant, or when a history purchase was received.</summary>
    public DateTimeOffset TierAt { get; init; }

    /// <summary>
    /// The purchase is history (<see cref="Programs.HistoryPolicy"/>): it earns and counts, but draws no surprise and
    /// congratulates nobody.
    /// </summary>
    public bool IsHistory { get; init; }

    public IReadOnlyList<ChallengeProgress> Challenges { get; init; } = [];

    public ReferralSettling? Referral { get; init; }

    public bool Accepted => Refusal == PurchaseRefusal.None;

    /// <summary>What challenges and the referral credited the member beside the order's own points.</summary>
    public long BonusPoints => Challenges.Sum(c => c.Credit?.Points ?? 0) + (Referral?.FriendCredit?.Points ?? 0);
}
