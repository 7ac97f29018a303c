using System.Globalization;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using Tango.Domain.Tiers;

namespace Tango.Domain.Tests.Tiers;

public sealed class TierStandingTests
{
    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    [Fact]
    public void Progress_says_how_much_more_and_by_when_it_counts()
    {
        List<TierOrder> orders = [new(At("2026-03-01T09:00:00Z"), 1000, 0), new(At("2026-06-01T09:00:00Z"), 380, 0)];

        var standing = TierStandings.Of(ApiExample.Program, "silver", orders, At("2026-11-23T10:00:00Z"));

        Assert.Equal("silver", standing.Tier?.Id);
        Assert.Equal(1380m, standing.Current);
        var progress = standing.Progress!;
        Assert.Equal(("gold", "spend", 120m), (progress.NextTier, progress.Metric, progress.Needed));
        Assert.Equal(At("2027-03-01T09:00:00Z"), progress.By);
        Assert.Equal("spend 120.00 more by 2027-03-01 to reach Gold", progress.Text);
    }

    [Fact]
    public void The_top_tier_has_no_progress()
    {
        var standing = TierStandings.Of(ApiExample.Program, "gold", [new(At("2026-11-01T00:00:00Z"), 2000, 0)], At("2026-11-23T00:00:00Z"));

        Assert.Null(standing.Progress);
        Assert.Equal(At("2027-11-01T00:00:00Z"), standing.QualifiedUntil);
        Assert.Equal(At("2028-02-01T00:00:00Z"), standing.GraceUntil);
    }

    [Fact]
    public void The_top_tier_is_kept_by_making_up_before_it_lapses_what_the_orders_left_then_will_not_reach()
    {
        List<TierOrder> orders = [new(At("2026-03-01T09:00:00Z"), 1000, 0), new(At("2026-09-01T09:00:00Z"), 600, 0)];

        var standing = TierStandings.Of(ApiExample.Program, "gold", orders, At("2026-11-23T10:00:00Z"));

        Assert.Equal(At("2027-03-01T09:00:00Z"), standing.QualifiedUntil);
        Assert.Equal(new TierKeep(900m, At("2027-03-01T09:00:00Z"), "spend 900.00 more by 2027-03-01 to keep Gold"), standing.Keep);
    }

    [Fact]
    public void In_the_grace_the_tier_is_kept_by_qualifying_again_before_the_grace_ends()
    {
        var standing = TierStandings.Of(ApiExample.Program, "gold", [new(At("2026-11-01T00:00:00Z"), 2000, 0)], At("2027-12-01T00:00:00Z"));

        Assert.Equal(new TierKeep(1500m, At("2028-02-01T00:00:00Z"), "spend 1500.00 more by 2028-02-01 to keep Gold"), standing.Keep);
    }

    [Fact]
    public void The_starting_tier_asks_nothing_to_keep()
    {
        Assert.Null(TierStandings.Of(ApiExample.Program, null, [], At("2026-11-23T00:00:00Z")).Keep);
    }

    [Fact]
    public void A_member_never_placed_is_in_the_starting_tier_and_needs_the_whole_threshold()
    {
        var standing = TierStandings.Of(ApiExample.Program, null, [], At("2026-11-23T00:00:00Z"));

        Assert.Equal("bronze", standing.Tier?.Id);
        Assert.Null(standing.QualifiedUntil);
        Assert.Equal("spend 500.00 more to reach Silver", standing.Progress!.Text);
        Assert.Null(standing.Progress.By);
    }

    [Fact]
    public void Points_and_purchases_metrics_speak_their_own_units()
    {
        var purchases = ApiExample.Program with
        {
            TierPolicy = new TierPolicy { Metric = "purchases", WindowMonths = 12 },
            Tiers = [new TierDefinition { Id = "a", Name = "A", MinPurchases = 0 }, new TierDefinition { Id = "b", Name = "B", MinPurchases = 3 }],
        };

        var standing = TierStandings.Of(purchases, "a", [new(At("2026-11-01T00:00:00Z"), 10, 10)], At("2026-11-23T00:00:00Z"));

        Assert.Equal("make 2 more purchases by 2027-11-01 to reach B", standing.Progress!.Text);
    }
}
