using Tango.Domain.Challenges;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Programs;
using Tango.Domain.Tiers;

namespace Tango.Domain.Simulation;

/// <summary>
/// Replays purchases and refunds, in the order they happened, under one program, doing what the store does:
/// earning at the member's tier before the purchase, moving up the moment a purchase qualifies, clawing back
/// refunded shares (the order's own lot first), expiring lots on their date and reviewing tiers (moving down
/// after the grace) before each purchase and at the end, as the maintenance and review jobs would.
/// </summary>
public sealed class ProgramReplay
{
    private readonly ProgramDocument _program;
    private readonly TierLadder _ladder;
    private readonly string? _startTier;
    private readonly Dictionary<string, int> _memberIndex = new(StringComparer.Ordinal);
    private readonly List<ReplayMember> _members = [];
    private readonly Dictionary<string, int> _orderIndex = new(StringComparer.Ordinal);
    private ReplayOrder[] _orders = new ReplayOrder[1024];
    private int _orderCount;
    private long _refunds;
    private long _issued;
    private long _clawed;
    private long _expired;
    private long _purchases;
    private long _challengePoints;
    private TimeZoneInfo? _zone;
    private readonly IReadOnlyList<ChallengeRule> _purchaseChallenges;

    public ProgramReplay(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        _program = program;
        _ladder = new TierLadder(program);
        _startTier = TierQualification.For(program, 0, 0, 0)?.Id;
        _purchaseChallenges = ChallengeRule.For(program, "purchase");
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
                outstanding += _orders[member.Lots[i]].LotRemaining;
            }
            var tier = _ladder.Effective(member.Tier)?.Id ?? member.Tier ?? "none";
            mix[tier] = mix.GetValueOrDefault(tier) + 1;
        }
        var value = PointValue(_program);
        var money = value is { } v ? decimal.Round(outstanding * v, Currency.IsKnown(_program.Currency) ? Currency.MinorUnits(_program.Currency) : 2) : (decimal?)null;
        return new SimulationFigures(_purchases, _refunds, _members.Count, _issued, _clawed, _expired, outstanding, value, money,
            _program.Currency, mix, _challengePoints);
    }

    /// <summary>A member's tier as the replay leaves it (call after <see cref="Finish"/>).</summary>
    public string? TierOf(string memberId) =>
        _memberIndex.TryGetValue(memberId, out var index) ? _ladder.Effective(_members[index].Tier)?.Id ?? _members[index].Tier : null;

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
        if (_orderIndex.ContainsKey(e.OrderId))
        {
            return;
        }
        ReplayMember member;
        if (_memberIndex.TryGetValue(e.MemberId, out var memberIndex))
        {
            member = _members[memberIndex];
            Expire(member, e.At.UtcTicks);
            Review(member, e.At);
        }
        else
        {
            memberIndex = _members.Count;
            _memberIndex[e.MemberId] = memberIndex;
            _members.Add(member = new ReplayMember(e.MemberId));
        }
        member.SlideWindow(_orders, TierWindow.Since(e.At, _ladder.WindowMonths).UtcTicks);

        var tierBefore = member.Tier ?? _startTier;
        var tier = _ladder.Find(tierBefore);
        var points = Earning.Points(_program, purchase, tier?.Multiplier ?? 1m);
        if (_program.Earning.Limits is { } limits && points > 0)
        {
            points = Math.Min(points, RoomLeft(limits, member, e.At));
        }
        var index = NewOrder(e.OrderId);
        ref var order = ref _orders[index];
        order = new ReplayOrder { Member = memberIndex, AtTicks = e.At.UtcTicks, TotalMinor = e.AmountMinor, Earned = points };
        member.AddToWindow(index, ref order);
        member.Tier = _ladder.Any ? Qualify(tierBefore, member) : tierBefore;
        if (member.Tier != tierBefore)
        {
            member.KeptUntil = null;
        }

        if (points > 0)
        {
            order.HasLot = true;
            order.LotRemaining = Math.Max(0, points + Math.Min(0, member.Balance));
            order.LotExpiresTicks = Expiry.ExpiresAt(_program, e.At)?.UtcTicks ?? long.MaxValue;
            member.Lots.Add(index);
        }
        member.Balance = checked(member.Balance + points);
        _issued = checked(_issued + points);
        _purchases++;
        if (_purchaseChallenges.Count > 0)
        {
            Challenges(member, memberIndex, e.At);
        }
    }

    /// <summary>
    /// As the purchase path: each challenge on purchases is judged from the member's earlier purchases in its horizon and
    /// its completed spans; a completion's points go into a lot of their own (new points pay a debt first).
    /// </summary>
    private void Challenges(ReplayMember member, int memberIndex, DateTimeOffset at)
    {
        foreach (var rule in _purchaseChallenges)
        {
            var horizonTicks = rule.Horizon(at).From.UtcTicks;
            var others = new List<DateTimeOffset>();
            // The purchase just replayed is the member's last order; the ones before it are in time order. As in the store,
            // an order refunded in full no longer counts.
            for (var i = member.Orders.Count - 2; i >= 0 && _orders[member.Orders[i]].AtTicks >= horizonTicks; i--)
            {
                ref var earlier = ref _orders[member.Orders[i]];
                if (earlier.RefundedMinor < earlier.TotalMinor)
                {
                    others.Add(new DateTimeOffset(earlier.AtTicks, TimeSpan.Zero));
                }
            }
            var spans = member.CompletedSpans(rule.Id);
            if (ChallengeJudge.Judge(rule, others, at, spans).Completed is not { } span)
            {
                continue;
            }
            spans.Add(span);
            var points = rule.Definition.Reward?.Points ?? 0;
            if (points <= 0)
            {
                continue;
            }
            var slot = NewSlot();
            ref var lot = ref _orders[slot];
            lot = new ReplayOrder
            {
                Member = memberIndex,
                AtTicks = at.UtcTicks,
                HasLot = true,
                LotRemaining = Math.Max(0, points + Math.Min(0, member.Balance)),
                LotExpiresTicks = Expiry.ExpiresAt(_program, at)?.UtcTicks ?? long.MaxValue,
            };
            member.Lots.Add(slot);
            member.Balance = checked(member.Balance + points);
            _challengePoints = checked(_challengePoints + points);
        }
    }

    /// <summary>As the purchase path: what the member's orders in the local day and month earned, net of claw-backs.</summary>
    private long RoomLeft(EarningLimits limits, ReplayMember member, DateTimeOffset at)
    {
        var periods = EarningCaps.Periods(_zone ??= EarningCaps.Zone(_program), at);
        long day = 0, month = 0;
        // Orders are replayed in time order, so the month's are the newest ones.
        for (var i = member.Orders.Count - 1; i >= 0; i--)
        {
            ref var order = ref _orders[member.Orders[i]];
            if (order.AtTicks < periods.MonthStart.UtcTicks)
            {
                break;
            }
            var net = order.Earned - order.Clawed;
            month += net;
            day += order.AtTicks >= periods.DayStart.UtcTicks ? net : 0;
        }
        return EarningCaps.Room(limits, day, month);
    }

    private int NewOrder(string orderId)
    {
        var index = NewSlot();
        _orderIndex[orderId] = index;
        return index;
    }

    /// <summary>A place in the order array: for an order, or for a lot of points paid beside one (a challenge's).</summary>
    private int NewSlot()
    {
        if (_orderCount == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }
        return _orderCount++;
    }

    /// <summary>As the purchase path: up to the tier the window (with this order) reaches, never down.</summary>
    private string? Qualify(string? before, ReplayMember member)
    {
        var spend = Currency.FromMinor(member.WindowSpendMinor, _program.Currency);
        var qualified = TierQualification.For(_program, spend, member.WindowPoints, (int)member.WindowCount);
        return qualified is not null && _ladder.Rank(qualified.Id) > _ladder.Rank(before) ? qualified.Id : before;
    }

    private void Refund(ReplayEvent e)
    {
        if (!_orderIndex.TryGetValue(e.OrderId, out var index) || _members[_orders[index].Member].Id != e.MemberId)
        {
            // The order was bought before the replay's start: there is nothing to take back.
            return;
        }
        ref var order = ref _orders[index];
        var member = _members[order.Member];
        Expire(member, e.At.UtcTicks);
        var back = Clawback.Points(order.Earned, order.Clawed, order.TotalMinor, order.RefundedMinor, e.AmountMinor);
        if (back > 0)
        {
            TakeFromLots(member, ref order, back);
            member.Balance -= back;
            _clawed += back;
        }
        if (member.InWindow(order))
        {
            member.WindowSpendMinor -= e.AmountMinor;
            member.WindowPoints -= back;
        }
        order.RefundedMinor += e.AmountMinor;
        order.Clawed += back;
        member.KeptUntil = null;
        _refunds++;
    }

    /// <summary>The refunded order's own lot first, then the lots that expire soonest, as the store takes them.</summary>
    private void TakeFromLots(ReplayMember member, ref ReplayOrder own, long points)
    {
        if (own.HasLot && own.LotRemaining > 0)
        {
            var take = Math.Min(own.LotRemaining, points);
            own.LotRemaining -= take;
            points -= take;
        }
        for (var i = member.FirstLiveLot; i < member.Lots.Count && points > 0; i++)
        {
            ref var lot = ref _orders[member.Lots[i]];
            var take = Math.Min(lot.LotRemaining, points);
            lot.LotRemaining -= take;
            points -= take;
        }
    }

    private void Expire(ReplayMember member, long atTicks)
    {
        // Lots are made in time order under one expiry policy, so they also fall due in that order.
        while (member.FirstLiveLot < member.Lots.Count && _orders[member.Lots[member.FirstLiveLot]].LotExpiresTicks <= atTicks)
        {
            ref var lot = ref _orders[member.Lots[member.FirstLiveLot++]];
            member.Balance -= lot.LotRemaining;
            _expired += lot.LotRemaining;
            lot.LotRemaining = 0;
        }
    }

    private void Review(ReplayMember member, DateTimeOffset at)
    {
        var current = _ladder.Effective(member.Tier);
        if (current is null)
        {
            return;
        }
        member.SlideWindow(_orders, TierWindow.Since(at, _ladder.WindowMonths).UtcTicks);
        var metric = _ladder.Metric switch
        {
            TierMetrics.Points => member.WindowPoints,
            TierMetrics.Purchases => member.WindowCount,
            _ => Currency.FromMinor(member.WindowSpendMinor, _program.Currency),
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
        var decision = TierReview.Decide(_program, member.Tier, history, at);
        if (decision.Changed)
        {
            member.Tier = decision.After;
            member.KeptUntil = null;
        }
    }

    /// <summary>The orders that can still matter to a review at <paramref name="at"/>, net of refunds.</summary>
    private List<TierOrder> History(ReplayMember member, DateTimeOffset at)
    {
        var horizon = at.AddMonths(-(_ladder.WindowMonths + _ladder.GraceMonths + 1)).UtcTicks;
        var orders = new List<TierOrder>();
        foreach (var index in member.Orders)
        {
            ref var order = ref _orders[index];
            if (order.AtTicks > horizon)
            {
                orders.Add(new TierOrder(new DateTimeOffset(order.AtTicks, TimeSpan.Zero),
                    Currency.FromMinor(order.TotalMinor - order.RefundedMinor, _program.Currency), order.Earned - order.Clawed));
            }
        }
        return orders;
    }
}
