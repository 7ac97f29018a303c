using System.Globalization;
using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Simulation;
using Tango.Domain.Tests.Programs;

namespace Tango.Domain.Tests.Simulation;

public sealed class ProgramReplayTests
{
    // The API example's tiers (bronze 0, silver 500 ×1.25, gold 1500 ×1.5; 3 months' grace), one point per EUR.
    private static readonly ProgramDocument Example = ApiExample.Program with { Earning = new EarningPolicy() };

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static ReplayEvent Buy(string member, string order, string at, decimal total) =>
        new(member, order, At(at), (long)(total * 100), new Purchase(total, [], null, At(at)));

    private static ReplayEvent Refund(string member, string order, string at, decimal amount) =>
        new(member, order, At(at), (long)(amount * 100), null);

    [Fact]
    public void Points_are_issued_at_the_tier_before_each_purchase_and_the_tier_moves_up_on_the_qualifying_one()
    {
        var replay = new ProgramReplay(Example);

        replay.Apply(Buy("ann", "o1", "2026-01-05T10:00:00Z", 400m)); // bronze: 400
        replay.Apply(Buy("ann", "o2", "2026-01-06T10:00:00Z", 200m)); // bronze: 200, now silver (600)
        replay.Apply(Buy("ann", "o3", "2026-01-07T10:00:00Z", 100m)); // silver: 125
        var figures = replay.Finish(At("2026-02-01T00:00:00Z"));

        Assert.Equal(725, figures.PointsIssued);
        Assert.Equal(100, figures.PointsFromChallenges); // the example's three-in-a-month challenge, completed by o3
        Assert.Equal(825, figures.OutstandingPoints);
        Assert.Equal("silver", replay.TierOf("ann"));
        Assert.Equal(new Dictionary<string, int> { ["silver"] = 1 }, figures.TierMix);
    }

    [Fact]
    public void An_order_refunded_in_full_no_longer_counts_toward_a_challenge()
    {
        ReplayEvent[] history =
        [
            Buy("cy", "o1", "2026-01-05T10:00:00Z", 40m),
            Refund("cy", "o1", "2026-01-06T10:00:00Z", 40m),
            Buy("cy", "o2", "2026-01-07T10:00:00Z", 30m),
            Buy("cy", "o3", "2026-01-08T10:00:00Z", 20m), // the third purchase in 30 days, but o1 was returned
            Buy("cy", "o4", "2026-01-09T10:00:00Z", 10m),
        ];

        Assert.Equal(0, Replay(history[..4]).PointsFromChallenges);
        Assert.Equal(100, Replay(history).PointsFromChallenges);

        static SimulationFigures Replay(IEnumerable<ReplayEvent> events)
        {
            var replay = new ProgramReplay(Example);
            foreach (var e in events)
            {
                replay.Apply(e);
            }
            return replay.Finish(At("2026-01-10T00:00:00Z"));
        }
    }

    [Fact]
    public void A_refund_claws_back_its_share_and_counts_against_the_tier_window()
    {
        var noGrace = Example with { TierPolicy = Example.TierPolicy! with { DowngradeGraceMonths = 0 } };
        var replay = new ProgramReplay(noGrace);

        replay.Apply(Buy("bo", "o1", "2026-03-01T10:00:00Z", 600m));
        replay.Apply(Refund("bo", "o1", "2026-03-02T10:00:00Z", 300m));
        var figures = replay.Finish(At("2026-03-03T00:00:00Z"));

        Assert.Equal(600, figures.PointsIssued);
        Assert.Equal(300, figures.PointsClawedBack);
        Assert.Equal(300, figures.OutstandingPoints);
        // 300 left in the window: the review at the end moves bo back to bronze.
        Assert.Equal("bronze", replay.TierOf("bo"));
    }

    [Fact]
    public void Lots_expire_on_their_date_and_what_is_left_is_the_liability()
    {
        var program = Example with
        {
            Expiry = new ExpiryPolicy { Months = 1 },
            Rewards = [new RewardDefinition { Id = "five-off", Name = "5 off", Kind = "coupon", CostPoints = 500, DiscountAmount = 5m }],
        };
        var replay = new ProgramReplay(program);

        replay.Apply(Buy("cy", "o1", "2026-03-01T10:00:00Z", 100m));
        replay.Apply(Buy("cy", "o2", "2026-03-20T10:00:00Z", 50m));
        var figures = replay.Finish(At("2026-04-10T00:00:00Z"));

        Assert.Equal(100, figures.PointsExpired);
        Assert.Equal(50, figures.OutstandingPoints);
        Assert.Equal(0.01m, figures.PointValue);
        Assert.Equal(0.50m, figures.LiabilityMoney);
    }

    [Fact]
    public void A_member_moves_down_only_after_the_grace()
    {
        var replay = new ProgramReplay(Example);

        // Qualified until 2027-01-10 10:00, when the order drops out of the 12 months; 3 months' grace after that.
        replay.Apply(Buy("di", "o1", "2026-01-10T10:00:00Z", 1600m));
        Assert.Equal("gold", TierAt(replay, "2027-04-10T09:59:59Z", "di"));

        var later = new ProgramReplay(Example);
        later.Apply(Buy("di", "o1", "2026-01-10T10:00:00Z", 1600m));
        Assert.Equal("bronze", TierAt(later, "2027-04-10T10:00:00Z", "di"));
    }

    [Fact]
    public void The_simulation_lists_members_whose_tier_would_change()
    {
        var stricter = Example with
        {
            Tiers = [.. Example.Tiers!.Take(2), Example.Tiers![2] with { MinSpend = 2000 }],
        };
        List<ReplayEvent> events = [Buy("ann", "o1", "2026-01-05T10:00:00Z", 1600m), Buy("bob", "o2", "2026-01-05T11:00:00Z", 2100m)];

        var result = ProgramSimulation.Run(Example, stricter, events, At("2026-02-01T00:00:00Z"));

        Assert.Equal(1, result.TierMoveCount);
        Assert.Equal(new TierMove("ann", "gold", "silver"), Assert.Single(result.TierMoves));
        Assert.Equal(result.Current.PointsIssued, result.Proposed.PointsIssued);
    }

    private static string? TierAt(ProgramReplay replay, string end, string member)
    {
        replay.Finish(At(end));
        return replay.TierOf(member);
    }
}
