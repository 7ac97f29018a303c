using Tango.Domain.Programs;
using Tango.Domain.Rewards;

namespace Tango.Domain.Tests.Rewards;

public sealed class RewardRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly RewardViewer Bronze = new("bronze", "new", 1000);
    private static readonly RewardViewer Gold = new("gold", "champions", 1000);

    private static RewardDefinition Reward(Func<RewardDefinition, RewardDefinition>? change = null)
    {
        var reward = new RewardDefinition { Id = "r", Name = "R", Kind = "experience", CostPoints = 100 };
        return change is null ? reward : change(reward);
    }

    private static IEnumerable<string> Codes(RewardAvailability availability) => availability.Reasons.Select(r => r.Code);

    [Fact]
    public void An_open_reward_in_stock_within_the_balance_may_be_taken()
    {
        var availability = RewardRules.Check(Reward(), Bronze, Today, stockLeft: 3);

        Assert.True(availability.MayTake);
        Assert.True(availability.Visible);
        Assert.Empty(availability.Reasons);
    }

    [Fact]
    public void Each_reason_is_given_with_its_own_code()
    {
        var reward = Reward(r => r with { Tiers = ["gold"], ValidTo = new DateOnly(2026, 11, 1), CostPoints = 5000 });

        var availability = RewardRules.Check(reward, Bronze, Today, stockLeft: 0);

        Assert.False(availability.MayTake);
        Assert.Equal([RewardRefusals.TierRequired, RewardRefusals.Expired, RewardRefusals.OutOfStock, RewardRefusals.InsufficientPoints], Codes(availability));
        Assert.Equal("Reward 'r' is for gold members only.", availability.Reasons[0].Message);
    }

    [Fact]
    public void A_member_only_reward_is_hidden_from_everyone_else()
    {
        var reward = Reward(r => r with { VisibleTo = new RewardAudience { Segments = ["champions"] } });

        var outsider = RewardRules.Check(reward, Bronze, Today, null);

        Assert.False(outsider.Visible);
        Assert.Equal([RewardRefusals.MembersOnly], Codes(outsider));
        Assert.True(RewardRules.Check(reward, Gold, Today, null).MayTake);
    }

    [Fact]
    public void The_club_may_take_it_early_and_everyone_else_from_the_opening_day()
    {
        var reward = Reward(r => r with
        {
            ValidFrom = new DateOnly(2026, 11, 30),
            EarlyAccessDays = 7,
            VisibleTo = new RewardAudience { Tiers = ["gold"] },
        });

        var insider = RewardRules.Check(reward, Gold, Today, null);
        var everyone = RewardRules.Check(reward, Bronze, Today, null);
        var everyoneLater = RewardRules.Check(reward, Bronze, new DateOnly(2026, 11, 30), null);

        Assert.True(insider.MayTake);
        Assert.Equal(new DateOnly(2026, 11, 23), insider.OpensOn);
        Assert.True(everyone.Visible);
        Assert.Equal([RewardRefusals.NotYetOpen], Codes(everyone));
        Assert.Equal("Reward 'r' opens to everyone on 2026-11-30; gold members may take it from 2026-11-23.", everyone.Reasons[0].Message);
        Assert.True(everyoneLater.MayTake);
    }

    [Fact]
    public void Before_its_validity_a_reward_is_not_yet_open()
    {
        var availability = RewardRules.Check(Reward(r => r with { ValidFrom = new DateOnly(2026, 12, 1) }), Gold, Today, null);

        Assert.Equal([RewardRefusals.NotYetOpen], Codes(availability));
        Assert.Equal(new DateOnly(2026, 12, 1), availability.OpensOn);
    }

    [Fact]
    public void An_unknown_balance_is_not_checked()
    {
        Assert.True(RewardRules.Check(Reward(r => r with { CostPoints = 1_000_000 }), new RewardViewer(null, null, null), Today, null).MayTake);
    }

    [Fact]
    public void Today_is_the_program_local_date()
    {
        var program = ProgramDocument.Default with { TimeZone = "Pacific/Auckland" };

        Assert.Equal(new DateOnly(2026, 11, 24), RewardRules.Today(program, new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero)));
    }
}
