using Tango.Domain.Purchases;
using Tango.Domain.Referrals;

namespace Tango.Domain.Simulation;

/// <summary>A lot of points in the replay: what is left of it and when it expires.</summary>
internal struct ReplayLot
{
    /// <summary>The order whose points it holds; null for a credit beside an order (a challenge's, a referral's).</summary>
    public string? OrderId;
    public long Remaining;

    /// <summary>UTC ticks; <see cref="long.MaxValue"/> for a lot that never expires.</summary>
    public long ExpiresTicks;
}

/// <summary>
/// A member in the replay: the state the purchase decision folds over, and the lots its points sit in, oldest first
/// (under one expiry policy they also fall due in that order).
/// </summary>
internal sealed class ReplayMember(MemberState start)
{
    public MemberState State { get; set; } = start;

    public string Id => State.MemberId;

    public List<ReplayLot> Lots { get; } = [];

    public int FirstLiveLot { get; set; }

    /// <summary>Until when the last review found the member keeps their tier (its grace); null: not known.</summary>
    public DateTimeOffset? KeptUntil { get; set; }

    /// <summary>The friend's paid referral, while an early refund of its qualifying order can still reverse it.</summary>
    public PaidReferral? Paid { get; set; }

    public void AddLot(string? orderId, Credit credit, DateTimeOffset? expiresAt) =>
        Lots.Add(new ReplayLot { OrderId = orderId, Remaining = credit.LotRemaining, ExpiresTicks = expiresAt?.UtcTicks ?? long.MaxValue });
}
