using System.Text.Json;
using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Purchases;
using Tango.Domain.Referrals;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Purchases;

public sealed class PurchaseDecisionTests
{
    private static PurchaseRules Rules(string json) => new(JsonSerializer.Deserialize<ProgramDocument>(json, ProgramJson.Options)!);

    private static PurchaseFacts Bought(string orderId, decimal total, DateTimeOffset? at = null, string? card = null) =>
        new(orderId, Purchase(total) with { OccurredAt = at ?? MondayNoonUtc }, (long)(total * 100), card);

    private static readonly MemberState Ann = new("ann") { Enrolled = true };

    [Fact]
    public void New_points_pay_a_negative_balance_first_and_only_the_rest_lands_in_the_lot()
    {
        var rules = Rules("""{"currency":"EUR","earning":{"pointsPerUnit":1}}""");

        var outcome = PurchaseDecision.Decide(rules, Ann with { Balance = -30 }, Bought("o-1", 100m));

        Assert.Equal(new Credit(100, 70), outcome.Lot);
        Assert.Equal(70, outcome.Next.Balance);
    }

    [Fact]
    public void A_purchase_that_lifts_the_window_over_a_threshold_moves_the_member_up_and_earns_at_the_tier_held_before()
    {
        var rules = Rules("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},
             "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":300,"multiplier":2}]}
            """);
        var earlier = new OrderFact("o-0", MondayNoonUtc.AddDays(-10), 25_000, 250, 0);

        var outcome = PurchaseDecision.Decide(rules, Ann with { Orders = [earlier] }, Bought("o-1", 60m));

        Assert.Equal(60, outcome.Earning.Points);
        Assert.Equal(("bronze", "silver"), (outcome.Tier.Before, outcome.Tier.After));
        Assert.Equal("silver", outcome.Next.TierId);
        Assert.Equal(2, outcome.Next.Orders.Count);
    }

    [Fact]
    public void Earning_limits_count_what_the_members_orders_earned_that_day_net_of_claw_backs()
    {
        var rules = Rules("""{"currency":"EUR","earning":{"pointsPerUnit":1,"limits":{"perDay":100}}}""");
        var morning = new OrderFact("o-0", MondayNoonUtc.AddHours(-3), 9_000, 90, 0) { RefundedMinor = 3_000, PointsClawed = 30 };

        var outcome = PurchaseDecision.Decide(rules, Ann with { Orders = [morning] }, Bought("o-1", 80m));

        Assert.Equal(40, outcome.Earning.Points);
        Assert.Equal(EarningCaps.PerDayRule, outcome.Earning.Components[^1].RuleId);
    }

    [Fact]
    public void The_third_purchase_in_the_window_completes_the_challenge_and_pays_into_a_lot_of_its_own()
    {
        var rules = Rules("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},
             "challenges":[{"id":"three","name":"Three","event":"purchase","count":3,"windowDays":30,"reward":{"points":50}}]}
            """);
        var state = Ann;
        for (var i = 0; i < 2; i++)
        {
            state = PurchaseDecision.Decide(rules, state, Bought($"o-{i}", 10m, MondayNoonUtc.AddDays(i))).Next;
        }

        var third = PurchaseDecision.Decide(rules, state, Bought("o-2", 10m, MondayNoonUtc.AddDays(2)));

        var progress = Assert.Single(third.Challenges);
        Assert.Equal(new Credit(50, 50), progress.Credit);
        Assert.Equal(80, third.Next.Balance);
        Assert.Single(third.Next.Completions);
    }

    [Fact]
    public void A_referred_friends_qualifying_purchase_pays_both_sides_and_settles_the_referral()
    {
        var rules = Rules("""{"currency":"EUR","earning":{"pointsPerUnit":1},"referral":{"referrerPoints":200,"friendPoints":100,"minFirstPurchase":20}}""");
        var friend = Ann with { Referral = new PendingReferral("bob", MondayNoonUtc.AddDays(-1), "ann@example.org", null) };
        var bob = new MemberState("bob") { Enrolled = true, Balance = -50, Email = "bob@example.org" };

        var outcome = PurchaseDecision.Decide(rules, friend, Bought("o-1", 25m), bob);

        var settled = outcome.Referral!;
        Assert.Equal(ReferralVerdict.Qualify, settled.Decision.Verdict);
        Assert.Equal(new Credit(100, 100), settled.FriendCredit);
        Assert.Equal(new Credit(200, 150), settled.ReferrerCredit);
        Assert.Equal(150, settled.Referrer!.Balance);
        Assert.Single(settled.Referrer.ReferralsPaid);
        Assert.Null(outcome.Next.Referral);
        Assert.Equal(125, outcome.Next.Balance);
    }

    [Fact]
    public void The_same_card_on_both_sides_refuses_the_referral_for_good()
    {
        var rules = Rules("""{"currency":"EUR","earning":{"pointsPerUnit":1},"referral":{"referrerPoints":200,"friendPoints":100,"minFirstPurchase":20}}""");
        var friend = Ann with { Referral = new PendingReferral("bob", MondayNoonUtc.AddDays(-1), null, null) };
        var bob = new MemberState("bob") { Enrolled = true, Cards = Ann.Cards.Add("card-1") };

        var outcome = PurchaseDecision.Decide(rules, friend, Bought("o-1", 25m, card: "card-1"), bob);

        Assert.Equal((ReferralVerdict.Refuse, RefusalReasons.SelfReferral), (outcome.Referral!.Decision.Verdict, outcome.Referral.Decision.Reason));
        Assert.Null(outcome.Next.Referral);
        Assert.Equal(25, outcome.Next.Balance);
    }

    [Fact]
    public void An_erased_member_and_an_unknown_one_under_auto_enrol_off_change_nothing()
    {
        var closed = Rules("""{"currency":"EUR","autoEnrol":false,"earning":{"pointsPerUnit":1}}""");

        Assert.Equal(PurchaseRefusal.MemberErased, PurchaseDecision.Decide(closed, Ann with { Erased = true }, Bought("o-1", 10m)).Refusal);
        Assert.Equal(PurchaseRefusal.MemberUnknown, PurchaseDecision.Decide(closed, new MemberState("cy"), Bought("o-1", 10m)).Refusal);
    }

    [Fact]
    public void Two_half_refunds_take_back_what_one_full_refund_would_and_more_than_is_left_changes_nothing()
    {
        var order = new OrderFact("o-1", MondayNoonUtc, 1_001, 11, 51);

        var first = RefundDecision.Decide(order, 500);
        var second = RefundDecision.Decide(first.Order, 501);
        var over = RefundDecision.Decide(second.Order, 1);

        Assert.Equal((11, 51), (first.PointsBack + second.PointsBack, first.WalletBackMinor + second.WalletBackMinor));
        Assert.False(over.Accepted);
    }

    [Fact]
    public void A_refund_of_the_qualifying_order_in_its_window_leaving_less_than_the_minimum_reverses_the_referral_and_no_other_does()
    {
        var order = new OrderFact("o-1", MondayNoonUtc, 5_000, 50, 0);
        var paid = new PaidReferral("o-1", MondayNoonUtc, "bob", FriendPoints: 100, ReferrerPoints: 200, MinimumMinor: 3_000, WindowDays: 14);

        var small = RefundDecision.Decide(order, 1_000, MondayNoonUtc.AddDays(3), paid);
        var below = RefundDecision.Decide(order, 2_500, MondayNoonUtc.AddDays(3), paid);
        var late = RefundDecision.Decide(order, 5_000, MondayNoonUtc.AddDays(15), paid);
        var other = RefundDecision.Decide(order with { OrderId = "o-2" }, 5_000, MondayNoonUtc.AddDays(3), paid);

        Assert.Null(small.Reverses);
        Assert.Same(paid, below.Reverses);
        Assert.Null(late.Reverses);
        Assert.Null(other.Reverses);
    }
}
