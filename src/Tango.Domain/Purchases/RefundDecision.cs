using Tango.Domain.Ledger;
using Tango.Domain.Referrals;

namespace Tango.Domain.Purchases;

/// <summary>What a refund takes back: the points and cashback of the refunded share, and the order after it.</summary>
public sealed record RefundOutcome(bool Accepted, long PointsBack, long WalletBackMinor, OrderFact Order)
{
    /// <summary>The friend's paid referral the refund reverses, taking both sides' points back; null when it reverses none.</summary>
    public PaidReferral? Reverses { get; init; }
}

/// <summary>
/// A refund claws back the points and cashback of the refunded share of its order. The share is computed on the
/// running total refunded, so two half refunds take back exactly what one full refund would, and an order never gives
/// back more than it earned. A refund of more than is left of the order changes nothing. A refund of a referred
/// friend's qualifying order within the refund window, leaving less of it than the minimum, also reverses the referral.
/// </summary>
public static class RefundDecision
{
    public static RefundOutcome Decide(OrderFact order, long amountMinor) => Decide(order, amountMinor, default, null);

    /// <param name="at">When the refund happened (for the referral's refund window).</param>
    /// <param name="paid">The member's paid referral, when it has one that a refund could still reverse.</param>
    public static RefundOutcome Decide(OrderFact order, long amountMinor, DateTimeOffset at, PaidReferral? paid)
    {
        if (amountMinor < 0 || checked(order.RefundedMinor + amountMinor) > order.TotalMinor)
        {
            return new RefundOutcome(false, 0, 0, order);
        }
        var points = Clawback.Points(order.PointsEarned, order.PointsClawed, order.TotalMinor, order.RefundedMinor, amountMinor);
        var wallet = Clawback.Points(order.WalletEarnedMinor, order.WalletClawedMinor, order.TotalMinor, order.RefundedMinor, amountMinor);
        var after = order with
        {
            RefundedMinor = order.RefundedMinor + amountMinor,
            PointsClawed = order.PointsClawed + points,
            WalletClawedMinor = order.WalletClawedMinor + wallet,
        };
        var reverses = paid is not null && paid.OrderId == order.OrderId
            && ReferralDecision.Reverses(paid.PurchaseAt, at, paid.WindowDays, after.NetSpendMinor, paid.MinimumMinor);
        return new RefundOutcome(true, points, wallet, after) { Reverses = reverses ? paid : null };
    }

    /// <summary>The member after the refund: its balances less what was taken back, its order as refunded.</summary>
    public static MemberState Apply(MemberState member, RefundOutcome refund)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(refund);
        var index = member.Orders.FindIndex(o => o.OrderId == refund.Order.OrderId);
        return member with
        {
            Balance = checked(member.Balance - refund.PointsBack),
            WalletMinor = checked(member.WalletMinor - refund.WalletBackMinor),
            Orders = index >= 0 ? member.Orders.SetItem(index, refund.Order) : member.Orders,
        };
    }
}
