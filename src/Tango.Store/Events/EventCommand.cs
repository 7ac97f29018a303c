using Tango.Domain.Ledger;

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

public sealed record PurchaseCommand(string OrderId, Purchase Purchase, string? Currency);

public sealed record RefundCommand(string OrderId, decimal Amount, string? RefundId);

public sealed record TierChange(string? Before, string? After);

public sealed record EarnedLine(string? RuleId, long Points, string Reason);

/// <summary>What the checkout is told after a purchase or refund.</summary>
public sealed record PointsOutcome(
    string EventId,
    long PointsEarned,
    long Balance,
    TierChange Tier,
    decimal WalletEarned,
    decimal Wallet,
    IReadOnlyList<object> Achievements,
    IReadOnlyList<object> Rewards,
    IReadOnlyList<EarnedLine> Breakdown,
    int ProgramVersion);

/// <summary>What other events answer.</summary>
public sealed record EventAccepted(string EventId, string Type, string MemberId);
