using Tango.Domain.Programs;
using Tango.Domain.Rewards;

namespace Tango.Domain.Tests.Rewards;

public sealed class SurpriseDrawTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly SurpriseRolls Lucky = new(0.0, 0.0);
    private static readonly SurpriseHistory Fresh = new(null, null, 0);

    private static readonly ProgramDocument Program = ProgramDocument.Default with
    {
        Rewards =
        [
            new RewardDefinition { Id = "tour", Name = "Roastery tour", Kind = "experience", CostPoints = 300, Portable = false },
            new RewardDefinition { Id = "coffee", Name = "Free coffee", Kind = "coupon", CostPoints = 150, Portable = true },
            new RewardDefinition { Id = "tasting", Name = "Tasting", Kind = "access", CostPoints = 200, Portable = false, Stock = 1 },
        ],
        Surprises = new SurprisePolicy
        {
            MonthlyBudgetPoints = 1000,
            ChancePercent = 5,
            MinDaysBetweenPerMember = 30,
            Rewards =
            [
                new SurpriseReward { Id = "plus-one", Points = 100 },
                new SurpriseReward { Id = "tour", RewardId = "tour" },
                new SurpriseReward { Id = "coffee", RewardId = "coffee" },
                new SurpriseReward { Id = "tasting", RewardId = "tasting" },
            ],
        },
    };

    [Fact]
    public void Non_portable_rewards_are_preferred_over_points_and_discounts()
    {
        var picks = Enumerable.Range(0, 10).Select(i => SurpriseDraw.Decide(Program, Fresh, Now, new SurpriseRolls(0, i / 10.0)).Granted!.Surprise.Id);

        Assert.All(picks, id => Assert.Contains(id, new[] { "tour", "tasting" }));
        Assert.Contains("tour", picks);
        Assert.Contains("tasting", picks);
    }

    [Fact]
    public void The_same_surprise_never_comes_twice_in_a_row()
    {
        var history = new SurpriseHistory("tour", Now.AddDays(-40), 0);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("tasting", SurpriseDraw.Decide(Program, history, Now, new SurpriseRolls(0, i / 10.0)).Granted!.Surprise.Id);
        }
    }

    [Fact]
    public void At_most_one_surprise_per_member_per_period()
    {
        var decision = SurpriseDraw.Decide(Program, new SurpriseHistory("coffee", Now.AddDays(-29), 0), Now, Lucky);

        Assert.Null(decision.Granted);
        Assert.Equal("the member's last surprise was on 2026-10-25; the next may come from 2026-11-24", decision.Reason);
    }

    [Fact]
    public void The_chance_decides_whether_there_is_a_surprise_at_all()
    {
        Assert.NotNull(SurpriseDraw.Decide(Program, Fresh, Now, new SurpriseRolls(0.0499, 0)).Granted);
        Assert.Null(SurpriseDraw.Decide(Program, Fresh, Now, new SurpriseRolls(0.05, 0)).Granted);
    }

    [Fact]
    public void Only_what_fits_the_rest_of_the_monthly_budget_is_drawn()
    {
        Assert.Equal("plus-one", SurpriseDraw.Decide(Program, new SurpriseHistory(null, null, 880), Now, Lucky).Granted!.Surprise.Id);
        Assert.Null(SurpriseDraw.Decide(Program, new SurpriseHistory(null, null, 950), Now, Lucky).Granted);
    }

    [Fact]
    public void A_reward_out_of_stock_is_not_drawn()
    {
        for (var i = 0; i < 10; i++)
        {
            var decision = SurpriseDraw.Decide(Program, Fresh, Now, new SurpriseRolls(0, i / 10.0), r => r.Id != "tasting");
            Assert.Equal("tour", decision.Granted!.Surprise.Id);
        }
    }

    [Fact]
    public void Rolls_are_the_same_for_the_same_occasion_and_differ_between_occasions()
    {
        Assert.Equal(SurpriseRolls.For("t", "ann", "order-1"), SurpriseRolls.For("t", "ann", "order-1"));
        Assert.NotEqual(SurpriseRolls.For("t", "ann", "order-1"), SurpriseRolls.For("t", "ann", "order-2"));
        var rolls = Enumerable.Range(0, 2000).Select(i => SurpriseRolls.For("t", "m", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Chance).ToList();
        Assert.All(rolls, r => Assert.InRange(r, 0.0, 0.9999999999));
        // A fair 5% chance: about 100 of 2000 (a generous band).
        Assert.InRange(rolls.Count(r => r < 0.05), 60, 140);
    }
}
