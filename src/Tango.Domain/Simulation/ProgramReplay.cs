using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Programs;
using Tango.Domain.Purchases;
using Tango.Domain.Referrals;
using Tango.Domain.Tiers;

namespace Tango.Domain.Simulation;

/// <summary>
/// Replays purchases and refunds, in the order they happened, under one program, folding the write path's own
/// decision (<see cref="PurchaseDecision"/>, <see cref="RefundDecision"/>) over the history: earning, limits, cashback,
/// tier moves up and challenges as the store decides them. Around it, it does what the jobs would: expiring lots on
/// their date and reviewing tiers (moving down after the grace) before each purchase and at the end.
/// </summary>
public sealed class ProgramReplay
{
    private readonly ProgramDocument _program;
    private readonly PurchaseRules _rules;
    private readonly TierLadder _ladder;
    private readonly ReplayPeople _people;
    private readonly Dictionary<string, int> _memberIndex = new(StringComparer.Ordinal);
    private readonly List<ReplayMember> _members = [];
    private readonly Dictionary<string, int> _orderOwner = new(StringComparer.Ordinal);
    private long _refunds;
    private long _issued;
    private long _clawed;
    private long _expired;
    private long _purchases;
    private long _challengePoints;
    private long _walletIssued;
    private long _walletClawed;
    private long _referralPoints;

    /// <param name="people">The sign-ups with a code and the contacts the referral rules need; without, no referral settles.</param>
    public ProgramReplay(ProgramDocument program, ReplayPeople? people = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        _program = program;
        _people = people ?? ReplayPeople.None;
        _rules = new PurchaseRules(program);
        _ladder = _rules.Ladder;
    }

    public void Apply(ReplayEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Purchase is { } purchase)
        {
            Purchase(e, purchase);
        }
        else
        {
            Refund(e);
        }
    }

    /// <summary>Expires and reviews every member as of <paramref name="end"/> and sums up.</summary>
    public SimulationFigures Finish(DateTimeOffset end)
    {
        var mix = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long outstanding = 0;
        foreach (var member in _members)
        {
            Expire(member, end.UtcTicks);
            Review(member, end);
            for (var i = member.FirstLiveLot; i < member.Lots.Count; i++)
            {
                outstanding += member.Lots[i].Remaining;
            }
            var tier = _ladder.Effective(member.State.TierId)?.Id ?? member.State.TierId ?? "none";
            mix[tier] = mix.GetValueOrDefault(tier) + 1;
        }
        var value = PointValue(_program);
        var money = value is { } v ? decimal.Round(outstanding * v, Currency.IsKnown(_program.Currency) ? Currency.MinorUnits(_program.Currency) : 2) : (decimal?)null;
        return new SimulationFigures(_purchases, _refunds, _members.Count, _issued, _clawed, _expired, outstanding, value, money,
            _program.Currency, mix, _challengePoints)
        {
            CashbackIssued = Currency.FromMinor(_walletIssued, _program.Currency),
            CashbackClawedBack = Currency.FromMinor(_walletClawed, _program.Currency),
            PointsFromReferrals = _referralPoints,
        };
    }

    /// <summary>A member's tier as the replay leaves it (call after <see cref="Finish"/>).</summary>
    public string? TierOf(string memberId) =>
        _memberIndex.TryGetValue(memberId, out var index) ? _ladder.Effective(_members[index].State.TierId)?.Id ?? _members[index].State.TierId : null;

    public IEnumerable<string> MemberIds => _memberIndex.Keys;

    /// <summary>
    /// The catalog's cheapest redemption rate: the least money a point is worth among rewards with a fixed
    /// discount amount and a cost in points. Null when no reward has both.
    /// </summary>
    public static decimal? PointValue(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        decimal? cheapest = null;
        foreach (var reward in program.Rewards ?? [])
        {
            if (reward.DiscountAmount is { } amount and > 0 && reward.CostPoints > 0)
            {
                var rate = amount / reward.CostPoints;
                cheapest = cheapest is null || rate < cheapest ? rate : cheapest;
            }
        }
        return cheapest;
    }

    private void Purchase(ReplayEvent e, Purchase purchase)
    {
        if (_orderOwner.ContainsKey(e.OrderId))
        {
            return;
        }
        var memberIndex = MemberIndex(e.MemberId);
        var member = _members[memberIndex];
        Expire(member, e.At.UtcTicks);
        Review(member, e.At);
        var referrer = member.State.Referral is { } pending && _rules.Program.Referral is not null ? _members[MemberIndex(pending.ReferrerId)] : null;
        if (referrer is not null)
        {
            Expire(referrer, e.At.UtcTicks);
        }
        var facts = new PurchaseFacts(e.OrderId, purchase, e.AmountMinor, e.CardHash) { ReceivedAt = e.ReceivedAt };
        var outcome = PurchaseDecision.Decide(_rules, member.State, facts, referrer?.State, EarningDetail.Figures);
        _orderOwner[e.OrderId] = memberIndex;
        if (outcome.Tier.Moved)
        {
            member.KeptUntil = null;
        }
        if (outcome.Lot is { } lot)
        {
            member.AddLot(e.OrderId, lot, outcome.ExpiresAt);
        }
        foreach (var challenge in outcome.Challenges)
        {
            if (challenge.Credit is { } credit)
            {
                member.AddLot(null, credit, outcome.ExpiresAt);
                _challengePoints = checked(_challengePoints + credit.Points);
            }
        }
        member.State = outcome.Next;
        if (outcome.Referral is { Referrer: { } referrerAfter } settled)
        {
            Paid(member, referrer!, referrerAfter, settled, e, outcome.ExpiresAt);
        }
        _issued = checked(_issued + outcome.Earning.Points);
        _walletIssued = checked(_walletIssued + outcome.Earning.WalletMinor);
        _purchases++;
    }

    private int MemberIndex(string memberId)
    {
        if (!_memberIndex.TryGetValue(memberId, out var index))
        {
            index = _members.Count;
            _memberIndex[memberId] = index;
            _members.Add(new ReplayMember(_people.Start(memberId)));
        }
        return index;
    }

    /// <summary>A referral the friend's purchase paid: both sides' lots, and what a refund needs to reverse it.</summary>
    private void Paid(ReplayMember friend, ReplayMember referrer, MemberState referrerAfter, ReferralSettling settled, ReplayEvent e,
        DateTimeOffset? expiresAt)
    {
        if (settled.FriendCredit is { } friendCredit)
        {
            friend.AddLot(null, friendCredit, expiresAt);
        }
        if (settled.ReferrerCredit is { } referrerCredit)
        {
            referrer.AddLot(null, referrerCredit, expiresAt);
        }
        referrer.State = referrerAfter;
        var terms = _program.Referral!;
        friend.Paid = new PaidReferral(e.OrderId, e.At, referrer.Id, settled.FriendCredit?.Points ?? 0, settled.ReferrerCredit?.Points ?? 0,
            Currency.ToMinor(terms.MinFirstPurchase, _program.Currency), terms.RefundWindow());
        _referralPoints = checked(_referralPoints + friend.Paid.FriendPoints + friend.Paid.ReferrerPoints);
    }

    /// <summary>The refund decision reversed the friend's referral: both rewards are taken back (once).</summary>
    private void ReverseReferral(ReplayMember friend, PaidReferral paid, DateTimeOffset at)
    {
        friend.Paid = null;
        Debit(friend, paid.FriendPoints, at);
        Debit(_members[MemberIndex(paid.ReferrerId)], paid.ReferrerPoints, at);
        _referralPoints -= paid.FriendPoints + paid.ReferrerPoints;
    }

    /// <summary>Takes points back from the member's lots, soonest-expiring first; what the lots lack becomes a debt.</summary>
    private void Debit(ReplayMember member, long points, DateTimeOffset at)
    {
        if (points <= 0)
        {
            return;
        }
        Expire(member, at.UtcTicks);
        TakeFromLots(member, null, points);
        member.State = member.State with { Balance = member.State.Balance - points };
    }

    private void Refund(ReplayEvent e)
    {
        if (!_orderOwner.TryGetValue(e.OrderId, out var index) || _members[index].Id != e.MemberId)
        {
            // The order was bought before the replay's start: there is nothing to take back.
            return;
        }
        var member = _members[index];
        Expire(member, e.At.UtcTicks);
        var order = member.State.Orders.Find(o => o.OrderId == e.OrderId);
        var refund = RefundDecision.Decide(order, e.AmountMinor, e.At, member.Paid);
        if (!refund.Accepted)
        {
            return;
        }
        TakeFromLots(member, e.OrderId, refund.PointsBack);
        member.State = RefundDecision.Apply(member.State, refund);
        if (refund.Reverses is { } paid)
        {
            ReverseReferral(member, paid, e.At);
        }
        _clawed += refund.PointsBack;
        _walletClawed += refund.WalletBackMinor;
        member.KeptUntil = null;
        _refunds++;
    }

    /// <summary>The refunded order's own lot first, then the lots that expire soonest, as the store takes them.</summary>
    private static void TakeFromLots(ReplayMember member, string? orderId, long points)
    {
        var lots = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(member.Lots);
        for (var i = member.FirstLiveLot; orderId is not null && i < lots.Length && points > 0; i++)
        {
            if (lots[i].OrderId == orderId)
            {
                var take = Math.Min(lots[i].Remaining, points);
                lots[i].Remaining -= take;
                points -= take;
            }
        }
        for (var i = member.FirstLiveLot; i < lots.Length && points > 0; i++)
        {
            var take = Math.Min(lots[i].Remaining, points);
            lots[i].Remaining -= take;
            points -= take;
        }
    }

    private void Expire(ReplayMember member, long atTicks)
    {
        // Lots are made in time order under one expiry policy, so they also fall due in that order.
        var lots = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(member.Lots);
        long expired = 0;
        while (member.FirstLiveLot < lots.Length && lots[member.FirstLiveLot].ExpiresTicks <= atTicks)
        {
            ref var lot = ref lots[member.FirstLiveLot++];
            expired += lot.Remaining;
            lot.Remaining = 0;
        }
        if (expired > 0)
        {
            member.State = member.State with { Balance = member.State.Balance - expired };
            _expired += expired;
        }
    }

    private void Review(ReplayMember member, DateTimeOffset at)
    {
        var current = _ladder.Effective(member.State.TierId);
        if (current is null)
        {
            return;
        }
        var (spend, points, count) = member.State.Window(TierWindow.Since(at, _ladder.WindowMonths), at);
        var metric = _ladder.Metric switch
        {
            TierMetrics.Points => points,
            TierMetrics.Purchases => count,
            _ => Currency.FromMinor(spend, _program.Currency),
        };
        // Still qualified for the tier held: the review leaves the member alone (it can only move up after a
        // purchase, and the purchase already did that).
        var threshold = _ladder.Threshold(current);
        if (metric >= threshold || member.KeptUntil > at)
        {
            return;
        }
        // Below it, the member keeps the tier while its grace lasts; purchases only lengthen that, so the
        // answer holds until then unless a refund shortens it (which forgets it).
        var history = History(member, at);
        if (TierWindow.QualifiedUntil(history, _ladder.Metric, threshold, _ladder.WindowMonths)?.AddMonths(_ladder.GraceMonths) is { } kept &&
            kept > at)
        {
            member.KeptUntil = kept;
            return;
        }
        var decision = TierReview.Decide(_program, member.State.TierId, history, at);
        if (decision.Changed)
        {
            member.State = member.State with { TierId = decision.After };
            member.KeptUntil = null;
        }
    }

    /// <summary>The orders that can still matter to a review at <paramref name="at"/>, net of refunds.</summary>
    private List<TierOrder> History(ReplayMember member, DateTimeOffset at)
    {
        var horizon = at.AddMonths(-(_ladder.WindowMonths + _ladder.GraceMonths + 1));
        var orders = new List<TierOrder>();
        foreach (var order in member.State.Orders)
        {
            if (order.At > horizon)
            {
                orders.Add(new TierOrder(order.At, Currency.FromMinor(order.NetSpendMinor, _program.Currency), order.NetPoints));
            }
        }
        return orders;
    }
}
