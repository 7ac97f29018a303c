using Tango.Domain.Ledger;
using Tango.Domain.Tiers;
using Tango.Store.Challenges;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

/// <summary>An event that passed validation at the edge, ready to be written.</summary>
public sealed record EventCommand(
    string TenantId,
    string MemberId,
    string Type,
    DateTimeOffset OccurredAt,
    string DataJson,
    PurchaseCommand? Purchase = null,
    RefundCommand? Refund = null);

/// <param name="PaymentFingerprint">The payment provider's fingerprint of the card, when sent: kept hashed for the self-referral check.</param>
public sealed record PurchaseCommand(string OrderId, Purchase Purchase, string? Currency, string? PaymentFingerprint = null);

public sealed record RefundCommand(string OrderId, decimal Amount, string? RefundId);

public sealed record EarnedLine(string? RuleId, long Points, string Reason);

/// <summary>Points an event paid beyond what the purchase earned: a completed challenge, a referral reward (or its reversal).</summary>
/// <param name="Source">"challenge" or "referral".</param>
/// <param name="Id">The challenge id, or the referral role ("friend").</param>
public sealed record BonusReward(string Source, string Id, long Points, string? Badge, string Reason);

/// <summary>
/// What the checkout is told after a purchase or refund. <see cref="PointsEarned"/> and <see cref="Breakdown"/> are what
/// the order itself earned (or a refund took back); <see cref="Rewards"/> lists points paid beside it (challenges,
/// referral), and <see cref="Balance"/> includes them.
/// </summary>
public sealed record PointsOutcome(
    string EventId,
    long PointsEarned,
    long Balance,
    TierChange Tier,
    decimal WalletEarned,
    decimal Wallet,
    IReadOnlyList<AchievementStep> Achievements,
    IReadOnlyList<BonusReward> Rewards,
    IReadOnlyList<EarnedLine> Breakdown,
    int ProgramVersion,
    ReferralOutcome? Referral = null);

/// <summary>What other events answer, with the challenges the event advanced or completed and the points they paid.</summary>
public sealed record EventAccepted(string EventId, string Type, string MemberId, IReadOnlyList<AchievementStep> Achievements,
    IReadOnlyList<BonusReward> Rewards);
