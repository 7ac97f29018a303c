using Tango.Domain.Ledger;

namespace Tango.Domain.Simulation;

/// <summary>
/// One stored event to replay: a purchase (with <see cref="Purchase"/>) or a refund of <see cref="AmountMinor"/>
/// of order <see cref="OrderId"/>. Amounts are in minor units of the program currency.
/// </summary>
public sealed record ReplayEvent(string MemberId, string OrderId, DateTimeOffset At, long AmountMinor, Purchase? Purchase)
{
    public bool IsRefund => Purchase is null;

    /// <summary>The hash of the card a purchase was paid with, when its data had one (for the self-referral check).</summary>
    public string? CardHash { get; init; }

    /// <summary>When the event reached the store (null: as it occurred): an old purchase received late is history.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

/// <summary>
/// What a program would have done with the replayed history, as of the end of the replay. <see cref="PointsIssued"/> is what
/// purchases earned; <see cref="PointsFromChallenges"/> what challenges on purchases paid beside them; both are in the
/// outstanding points until spent, clawed back or expired. Cashback is counted in money beside the points.
/// </summary>
public sealed record SimulationFigures(
    long Purchases,
    long Refunds,
    int Members,
    long PointsIssued,
    long PointsClawedBack,
    long PointsExpired,
    long OutstandingPoints,
    decimal? PointValue,
    decimal? LiabilityMoney,
    string Currency,
    IReadOnlyDictionary<string, int> TierMix,
    long PointsFromChallenges = 0)
{
    /// <summary>The cashback purchases put in members' wallets, in the program currency.</summary>
    public decimal CashbackIssued { get; init; }

    /// <summary>The cashback refunds took back.</summary>
    public decimal CashbackClawedBack { get; init; }

    /// <summary>What referrals paid both sides, less what early refunds of the qualifying orders reversed.</summary>
    public long PointsFromReferrals { get; init; }
}

/// <summary>A member whose tier at the end differs between the current and the proposed program.</summary>
public sealed record TierMove(string MemberId, string? Current, string? Proposed);
