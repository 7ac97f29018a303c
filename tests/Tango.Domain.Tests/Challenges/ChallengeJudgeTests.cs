using Tango.Domain.Challenges;
using Tango.Domain.Programs;

namespace Tango.Domain.Tests.Challenges;

public sealed class ChallengeJudgeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static ChallengeRule ThreeIn30Days(string repeat = "once") => ChallengeRule.From(new ChallengeDefinition
    {
        Id = "three",
        Name = "Three in 30 days",
        Event = "purchase",
        Count = 3,
        WindowDays = 30,
        Repeat = repeat,
    }, null);

    private static ChallengeRule WeeklyFor4Weeks(string repeat = "once", string? zone = null) => ChallengeRule.From(new ChallengeDefinition
    {
        Id = "weekly",
        Name = "Every week for 4 weeks",
        Event = "purchase",
        Kind = "streak",
        PeriodDays = 7,
        Periods = 4,
        Repeat = repeat,
    }, zone);

    private static DateTimeOffset Day(int n) => Monday.AddDays(n);

    [Fact]
    public void The_third_purchase_within_30_days_completes_a_count_challenge()
    {
        var rule = ThreeIn30Days();

        var second = ChallengeJudge.Judge(rule, [Day(0)], Day(5), []);
        var third = ChallengeJudge.Judge(rule, [Day(0), Day(5)], Day(29), []);

        Assert.Null(second.Completed);
        Assert.Equal(2, second.Progress);
        Assert.Equal(new CompletedSpan(Day(0), Day(29)), third.Completed);
        Assert.Equal(3, third.Progress);
    }

    [Fact]
    public void Purchases_further_apart_than_the_window_do_not_add_up()
    {
        var judged = ChallengeJudge.Judge(ThreeIn30Days(), [Day(0), Day(20)], Day(31), []);

        Assert.Null(judged.Completed);
        Assert.Equal(2, judged.Progress); // day 20 and day 31 share a window
    }

    [Fact]
    public void A_late_import_completes_the_challenge_in_the_window_where_it_happened()
    {
        // Days 0 and 20 arrived first; day 10 arrives last, after day 40 was already recorded.
        var judged = ChallengeJudge.Judge(ThreeIn30Days(), [Day(0), Day(20), Day(40)], Day(10), []);

        Assert.Equal(new CompletedSpan(Day(0), Day(20)), judged.Completed);
    }

    [Fact]
    public void A_once_challenge_completed_counts_nothing_more()
    {
        var judged = ChallengeJudge.Judge(ThreeIn30Days(), [Day(0), Day(1), Day(2)], Day(3), [new CompletedSpan(Day(0), Day(2))]);

        Assert.False(judged.Counted);
        Assert.Null(judged.Completed);
    }

    [Fact]
    public void A_repeating_challenge_needs_fresh_events_for_each_completion()
    {
        var rule = ThreeIn30Days("always");
        CompletedSpan[] done = [new(Day(0), Day(2))];

        var fourth = ChallengeJudge.Judge(rule, [Day(0), Day(1), Day(2)], Day(3), done);
        var sixth = ChallengeJudge.Judge(rule, [Day(0), Day(1), Day(2), Day(3), Day(4)], Day(5), done);
        var lateInside = ChallengeJudge.Judge(rule, [Day(0), Day(2)], Day(1), done);

        Assert.Null(fourth.Completed);
        Assert.Equal(1, fourth.Progress);
        Assert.Equal(new CompletedSpan(Day(3), Day(5)), sixth.Completed);
        Assert.False(lateInside.Counted);
    }

    [Fact]
    public void A_one_event_challenge_completes_on_every_event_when_it_repeats()
    {
        var rule = ChallengeRule.From(new ChallengeDefinition { Id = "review", Event = "custom.review", Count = 1, WindowDays = 1, Repeat = "always" }, null);

        var first = ChallengeJudge.Judge(rule, [], Day(0), []);
        var sameInstant = ChallengeJudge.Judge(rule, [Day(0)], Day(0), [new CompletedSpan(Day(0), Day(0))]);
        var next = ChallengeJudge.Judge(rule, [Day(0)], Day(1), [new CompletedSpan(Day(0), Day(0))]);

        Assert.NotNull(first.Completed);
        Assert.False(sameInstant.Counted);
        Assert.Equal(new CompletedSpan(Day(1), Day(1)), next.Completed);
    }

    [Fact]
    public void A_purchase_in_each_of_four_weeks_completes_a_streak()
    {
        var rule = WeeklyFor4Weeks();

        var third = ChallengeJudge.Judge(rule, [Day(0), Day(8)], Day(20), []);
        var fourth = ChallengeJudge.Judge(rule, [Day(0), Day(8), Day(20)], Day(27), []);

        Assert.Equal(3, third.Progress);
        Assert.Null(third.Completed);
        Assert.Equal(new CompletedSpan(Day(0), Day(27)), fourth.Completed);
    }

    [Fact]
    public void A_streak_broken_in_week_3_restarts_and_completes_four_weeks_later()
    {
        var rule = WeeklyFor4Weeks();
        DateTimeOffset[] before = [Day(0), Day(7)]; // weeks 1 and 2; nothing in week 3

        var week4 = ChallengeJudge.Judge(rule, before, Day(21), []);
        var week6 = ChallengeJudge.Judge(rule, [.. before, Day(21), Day(28)], Day(35), []);
        var week7 = ChallengeJudge.Judge(rule, [.. before, Day(21), Day(28), Day(35)], Day(42), []);

        Assert.Equal(1, week4.Progress);
        Assert.Equal(3, week6.Progress);
        Assert.Null(week6.Completed);
        Assert.Equal(new CompletedSpan(Day(21), Day(42)), week7.Completed);
    }

    [Fact]
    public void A_late_import_fills_the_missing_week_and_completes_the_streak()
    {
        var judged = ChallengeJudge.Judge(WeeklyFor4Weeks(), [Day(0), Day(7), Day(21)], Day(16), []);

        Assert.Equal(new CompletedSpan(Day(0), Day(21)), judged.Completed);
    }

    [Fact]
    public void Two_purchases_in_one_week_count_as_one_week()
    {
        var judged = ChallengeJudge.Judge(WeeklyFor4Weeks(), [Day(0), Day(1), Day(2)], Day(3), []);

        Assert.Equal(1, judged.Progress);
        Assert.Null(judged.Completed);
    }

    [Fact]
    public void Weeks_run_Monday_to_Sunday_in_the_program_time_zone()
    {
        var rule = WeeklyFor4Weeks(zone: "Pacific/Auckland");
        // Sunday 2026-11-08 20:00 UTC is already Monday 2026-11-09 in Auckland.
        var sundayUtc = new DateTimeOffset(2026, 11, 8, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(rule.Period(Day(7)), rule.Period(sundayUtc));
        Assert.Equal(rule.Period(Day(0)) + 1, rule.Period(sundayUtc));
    }

    [Fact]
    public void Standing_shows_the_open_window_and_a_streak_still_alive_in_the_current_week()
    {
        var count = ChallengeJudge.Standing(ThreeIn30Days(), [Day(0), Day(20), Day(25)], Day(35), []);
        var streak = ChallengeJudge.Standing(WeeklyFor4Weeks(), [Day(0), Day(7)], Day(15), []);
        var broken = ChallengeJudge.Standing(WeeklyFor4Weeks(), [Day(0), Day(7)], Day(22), []);
        var done = ChallengeJudge.Standing(ThreeIn30Days(), [], Day(40), [new CompletedSpan(Day(0), Day(2))]);

        Assert.Equal(2, count.Progress);
        Assert.Equal(2, streak.Progress);
        Assert.Equal(0, broken.Progress);
        Assert.True(done.Done);
    }

    [Fact]
    public void The_horizon_covers_what_a_late_event_can_complete_on_either_side()
    {
        var (from, to) = WeeklyFor4Weeks().Horizon(Day(16));

        Assert.Equal(Day(-7).Date, from.UtcDateTime.Date); // Monday of week 0, three weeks back
        Assert.Equal(Day(42).Date, to.UtcDateTime.Date);   // the end of the third week after its own
        Assert.Equal((Day(-20), Day(40)), ThreeIn30Days().Horizon(Day(10)));
    }
}
