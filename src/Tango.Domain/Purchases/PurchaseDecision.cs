using Tango.Domain.Challenges;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Referrals;
using Tango.Domain.Tiers;

namespace Tango.Domain.Purchases;

/// <summary>How much of the earning a caller wants spelled out.</summary>
public enum EarningDetail
{
    /// <summary>The figures only: for replaying millions of purchases.</summary>
    Figures,

    /// <summary>One component per rule that gave points, with its reason, as ledger lines show them.</summary>
    Lines,

    /// <summary>The lines, and the base line's explanation of every rule, matched or not (the dashboard's).</summary>
    Explained,
}

/// <summary>
/// What a purchase does to a member, as one pure function of the program, the member's state and the purchase: the
/// write path folds it over a group commit, the simulation over history. Its rules: earning by the program at the
/// member's tier (rules, exclusions, the paid share), per-member limits, pending points, cashback, moving up the
/// moment the tier window qualifies, challenges on purchases, the friend's referral, and new points paying a negative
/// balance first.
/// </summary>
public static class PurchaseDecision
{
    /// <param name="referrer">
    /// The referrer of the member's pending referral, when the purchase can settle it (null when the referrer is not
    /// known: it counts as gone).
    /// </param>
    public static PurchaseOutcome Decide(PurchaseRules rules, MemberState member, PurchaseFacts purchase, MemberState? referrer = null,
        EarningDetail detail = EarningDetail.Lines)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(purchase);
        if (member.Erased)
        {
            return new PurchaseOutcome(PurchaseRefusal.MemberErased, member);
        }
        if (!member.Enrolled && rules.Program.AutoEnrol == false)
        {
            return new PurchaseOutcome(PurchaseRefusal.MemberUnknown, member);
        }
        var program = rules.Program;
        var at = purchase.At;
        var tierBefore = member.TierId ?? rules.StartTier;
        var (earning, explanation) = Earn(rules, member, purchase, rules.Ladder.Find(tierBefore), detail);
        var order = new OrderFact(purchase.OrderId, at, purchase.TotalMinor, earning.Points, earning.WalletMinor);
        var tierAt = rules.TierAt(at, purchase.ReceivedAt);
        var tierAfter = Qualify(rules, tierBefore, member, order, tierAt);
        var lot = earning.Points > 0 ? new Credit(earning.Points, LotRemaining(earning.Points, member.Balance)) : (Credit?)null;

        var next = member with
        {
            Enrolled = true,
            TierId = tierAfter,
            Balance = checked(member.Balance + earning.Points),
            WalletMinor = checked(member.WalletMinor + earning.WalletMinor),
            Cards = purchase.CardHash is { } card ? member.Cards.Add(card) : member.Cards,
        };
        // Challenges are judged against the member's other orders, so the new one joins them after.
        var (challenges, judged) = JudgeChallenges(rules, next, at);
        next = judged with { Orders = judged.Orders.Add(order) };
        var referral = SettleReferral(rules, next, purchase, referrer);
        if (referral is not null)
        {
            next = next with { Referral = referral.Decision.Verdict == ReferralVerdict.Wait ? next.Referral : null };
            next = referral.FriendCredit is { } friend ? next.Credit(friend.Points) : next;
        }
        return new PurchaseOutcome(PurchaseRefusal.None, next)
        {
            Earning = earning,
            Explanation = explanation,
            Lot = lot,
            ExpiresAt = Expiry.ExpiresAt(program, at),
            AvailableAt = PendingPoints.AvailableAt(program.Earning, at),
            Tier = new TierChange(tierBefore, tierAfter),
            TierAt = tierAt,
            IsHistory = tierAt != at,
            Challenges = challenges,
            Referral = referral,
        };
    }

    /// <summary>While the balance is below zero, new points pay that debt first; only the rest lands in the lot.</summary>
    public static long LotRemaining(long points, long balanceBefore) => Math.Max(0, points + Math.Min(0, balanceBefore));

    /// <summary>What the order earns at the member's tier, less what goes over the member's day or month.</summary>
    private static (EarningResult Earning, string? Explanation) Earn(PurchaseRules rules, MemberState member, PurchaseFacts purchase,
        Programs.TierDefinition? tier, EarningDetail detail)
    {
        var program = rules.Program;
        var multiplier = tier?.Multiplier ?? 1m;
        EarningResult earning;
        string? explanation = null;
        if (detail == EarningDetail.Figures)
        {
            earning = new EarningResult(Earning.Points(program, purchase.Purchase, multiplier), [], Earning.Cashback(program, purchase.Purchase.Total));
        }
        else if (detail == EarningDetail.Explained && program.Earning.Rules is { Count: > 0 })
        {
            // With rules, the base line explains which matched and why the others did not; without, its own reason says it all.
            (earning, var explained) = Earning.CalculateExplained(program, purchase.Purchase, multiplier, tier?.Name);
            explanation = explained.Text;
        }
        else
        {
            earning = Earning.Calculate(program, purchase.Purchase, multiplier, tier?.Name);
        }
        if (rules.Zone is { } zone && earning.Points > 0)
        {
            // What goes over the member's day or month is withheld as its own (negative) line.
            var periods = EarningCaps.Periods(zone, purchase.At);
            var day = member.EarnedBetween(periods.DayStart, periods.DayEnd);
            var month = member.EarnedBetween(periods.MonthStart, periods.MonthEnd);
            earning = detail == EarningDetail.Figures
                ? earning with { Points = Math.Min(earning.Points, EarningCaps.Room(program.Earning.Limits!, day, month)) }
                : EarningCaps.Apply(program, earning, day, month);
        }
        return (earning, explanation);
    }

    /// <summary>
    /// Up to the tier the window at <paramref name="tierAt"/> reaches (with this order, when it falls in that window),
    /// never down: moving down is the review's.
    /// </summary>
    private static string? Qualify(PurchaseRules rules, string? before, MemberState member, OrderFact order, DateTimeOffset tierAt)
    {
        if (!rules.Ladder.Any)
        {
            return before;
        }
        var since = TierWindow.Since(tierAt, rules.Ladder.WindowMonths);
        var (spend, points, count) = member.Window(since, tierAt);
        var own = order.At > since;
        var money = Currency.FromMinor(checked(spend + (own ? order.TotalMinor : 0)), rules.Program.Currency);
        var qualified = TierQualification.For(rules.Program, money, checked(points + (own ? order.PointsEarned : 0)), count + (own ? 1 : 0));
        return qualified is not null && rules.Ladder.Rank(qualified.Id) > rules.Ladder.Rank(before) ? qualified.Id : before;
    }

    /// <summary>
    /// Judges each challenge on purchases from the member's other orders around the purchase (not refunded in full) and
    /// its completed spans; a completion's points go into a lot of their own.
    /// </summary>
    private static (IReadOnlyList<ChallengeProgress> Progress, MemberState Next) JudgeChallenges(PurchaseRules rules, MemberState member,
        DateTimeOffset at)
    {
        if (rules.Challenges.Count == 0)
        {
            return ([], member);
        }
        var (from, to) = rules.ChallengeHorizon(at);
        var others = member.Orders.Where(o => !o.RefundedInFull && o.At >= from && o.At <= to).Select(o => o.At).ToList();
        var progress = new List<ChallengeProgress>();
        foreach (var rule in rules.Challenges)
        {
            var spans = member.Completions.Where(c => c.ChallengeId == rule.Id).Select(c => c.Span).ToList();
            var judged = ChallengeJudge.Judge(rule, others, at, spans);
            if (!judged.Counted)
            {
                continue;
            }
            Credit? credit = null;
            if (judged.Completed is { } span)
            {
                member = member with { Completions = member.Completions.Add(new ChallengeCompletion(rule.Id, span)) };
                if (rule.Definition.Reward?.Points is { } points and > 0)
                {
                    credit = new Credit(points, LotRemaining(points, member.Balance));
                    member = member.Credit(points);
                }
            }
            progress.Add(new ChallengeProgress(rule, judged, credit));
        }
        return (progress, member);
    }

    /// <summary>
    /// The friend's pending referral: waits (below the minimum, or bought before the sign-up), is refused for good, or
    /// pays both sides at once. Null when the program has no referral terms or the member has none pending.
    /// </summary>
    private static ReferralSettling? SettleReferral(PurchaseRules rules, MemberState friend, PurchaseFacts purchase, MemberState? referrer)
    {
        if (rules.Program.Referral is not { } terms || friend.Referral is not { } pending)
        {
            return null;
        }
        var month = ReferralDecision.MonthOf(purchase.At, rules.Program.TimeZone);
        var paid = referrer?.ReferralsPaid.Count(p => p >= month.Start && p < month.End) ?? 0;
        var self = ReferralGuards.SelfReferral(
            new ReferralParty(referrer?.Email, referrer?.Phone, referrer?.Cards ?? []),
            new ReferralParty(pending.FriendEmail, pending.FriendPhone, friend.Cards));
        var decision = ReferralDecision.Decide(terms, purchase.Purchase.Total, paid, self,
            referrerGone: referrer is null || referrer.Erased, before: purchase.At < pending.AttributedAt);
        if (decision.Verdict != ReferralVerdict.Qualify)
        {
            return new ReferralSettling(pending, decision, null, null, null);
        }
        var friendCredit = decision.FriendPoints > 0 ? new Credit(decision.FriendPoints, LotRemaining(decision.FriendPoints, friend.Balance)) : (Credit?)null;
        var referrerAfter = referrer! with { ReferralsPaid = referrer!.ReferralsPaid.Add(purchase.At) };
        Credit? referrerCredit = null;
        if (decision.ReferrerPoints > 0)
        {
            referrerCredit = new Credit(decision.ReferrerPoints, LotRemaining(decision.ReferrerPoints, referrerAfter.Balance));
            referrerAfter = referrerAfter.Credit(decision.ReferrerPoints);
        }
        return new ReferralSettling(pending, decision, friendCredit, referrerCredit, referrerAfter);
    }
}
