using System.Globalization;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using Tango.Domain.Tiers;

namespace Tango.Domain.Tests.Tiers;

public sealed class TierReviewTests
{
    // Bronze 0, Silver 500, Gold 1500 on spend over 12 months, 3 months' grace.
    private static readonly ProgramDocument Program = ApiExample.Program;

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static readonly List<TierOrder> GoldIn2026 = [new(At("2026-02-01T00:00:00Z"), 1600, 1600)];

    [Fact]
    public void A_member_still_qualified_keeps_the_tier()
    {
        var decision = TierReview.Decide(Program, "gold", GoldIn2026, At("2026-12-01T00:00:00Z"));

        Assert.False(decision.Changed);
        Assert.Equal("gold", decision.After);
    }

    [Fact]
    public void A_member_who_stopped_qualifying_keeps_the_tier_through_the_grace()
    {
        // Qualified until 2027-02-01; grace runs to 2027-05-01.
        Assert.False(TierReview.Decide(Program, "gold", GoldIn2026, At("2027-04-30T23:59:59Z")).Changed);
    }

    [Fact]
    public void After_the_grace_the_member_moves_down_to_what_they_still_hold()
    {
        var decision = TierReview.Decide(Program, "gold", GoldIn2026, At("2027-05-01T00:00:00Z"));

        Assert.True(decision.Changed);
        Assert.Equal("bronze", decision.After);
        Assert.Equal("no longer qualifies for Gold since 2027-02-01; the 3 months' grace ended 2027-05-01", decision.Reason);
    }

    [Fact]
    public void Moving_down_stops_at_a_lower_tier_still_in_its_own_grace()
    {
        List<TierOrder> orders = [new(At("2026-02-01T00:00:00Z"), 1000, 0), new(At("2026-06-01T00:00:00Z"), 600, 0)];

        // Gold (1600) held until 2027-02-01, grace to 2027-05-01; Silver (June's 600) held until 2027-06-01.
        var decision = TierReview.Decide(Program, "gold", orders, At("2027-05-15T00:00:00Z"));

        Assert.Equal("silver", decision.After);
    }

    [Fact]
    public void A_new_tier_table_moves_qualified_members_up_at_review()
    {
        var lower = Program with { Tiers = [.. Program.Tiers!.Take(2), Program.Tiers![2] with { MinSpend = 1000 }] };

        var decision = TierReview.Decide(lower, "silver", [new(At("2026-10-01T00:00:00Z"), 1200, 0)], At("2026-11-01T00:00:00Z"));

        Assert.Equal("gold", decision.After);
        Assert.StartsWith("qualifies for Gold: 1200.00 EUR spent in the 12 months to 2026-11-01 (needs 1000.00 EUR spent)", decision.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_tier_the_program_no_longer_has_is_replaced_by_the_one_the_member_qualifies_for()
    {
        var decision = TierReview.Decide(Program, "platinum", [new(At("2026-10-01T00:00:00Z"), 600, 0)], At("2026-11-01T00:00:00Z"));

        Assert.Equal("silver", decision.After);
        Assert.Equal("tier 'platinum' is no longer in the program; placed in Silver", decision.Reason);
    }

    [Fact]
    public void A_member_never_placed_in_the_starting_tier_is_not_a_change()
    {
        Assert.False(TierReview.Decide(Program, null, [], At("2026-11-01T00:00:00Z")).Changed);
    }

    [Fact]
    public void Refunds_count_against_the_metric()
    {
        // Bought 1600, then 200 came back: 1400 no longer holds Gold; with no grace the review moves the member down.
        var noGrace = Program with { TierPolicy = Program.TierPolicy! with { DowngradeGraceMonths = 0 } };

        var decision = TierReview.Decide(noGrace, "gold", [new(At("2026-10-01T00:00:00Z"), 1400, 0)], At("2026-11-01T00:00:00Z"));

        Assert.Equal("silver", decision.After);
    }
}
