using Tango.Domain.Analytics.Cohorts;
using Tango.Domain.Service;

namespace Tango.Domain.Tests.Service;

public sealed class ServiceScoresTests
{
    private static readonly DateOnly Day = new(2026, 11, 23); // a Monday

    private static ScoreCount Nps(int score, DateOnly? day = null, string? channel = null, string? tier = null) =>
        new(SurveyKind.Nps, score, day ?? Day, channel, tier, 1);

    private static ScoreCount Csat(int score, string? channel = null) => new(SurveyKind.Csat, score, Day, channel, null, 1);

    [Fact]
    public void Ten_nps_answers_give_percent_promoters_minus_percent_detractors()
    {
        // Promoters 10, 10, 9, 9, 9 (50 %); passives 8, 7; detractors 6, 3, 0 (30 %).
        var report = ServiceScores.Of(new[] { 10, 10, 9, 9, 9, 8, 7, 6, 3, 0 }.Select(s => Nps(s)), CohortPeriod.Month);

        Assert.Equal(new NpsFigures(10, 5, 2, 3, 20.0), report.Overall.Nps);
        Assert.Equal(new CsatFigures(0, null, null), report.Overall.Csat);
    }

    [Fact]
    public void Csat_is_the_mean_score_and_the_share_answering_4_or_5()
    {
        var report = ServiceScores.Of([Csat(5), Csat(4), Csat(3), Csat(1)], CohortPeriod.Month);

        Assert.Equal(new CsatFigures(4, 3.25, 50.0), report.Overall.Csat);
        Assert.Null(report.Overall.Nps.Score);
    }

    [Fact]
    public void Answers_are_grouped_by_period_channel_and_tier_with_unknowns_named()
    {
        var report = ServiceScores.Of(
        [
            Nps(10, new DateOnly(2026, 10, 31), "email", "gold"),
            Nps(0, new DateOnly(2026, 11, 1), "email"),
            Nps(9, new DateOnly(2026, 11, 2)),
        ], CohortPeriod.Month);

        Assert.Equal(["2026-10-01", "2026-11-01"], report.ByPeriod.Select(g => g.Key));
        Assert.Equal([100.0, 0.0], report.ByPeriod.Select(g => g.Nps.Score!.Value));
        Assert.Equal(["email", ServiceScores.Unknown], report.ByChannel.Select(g => g.Key));
        Assert.Equal(0.0, report.ByChannel[0].Nps.Score);
        Assert.Equal(["gold", ServiceScores.NoTier], report.ByTier.Select(g => g.Key));
    }

    [Fact]
    public void Weeks_start_on_monday()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), ServiceScores.PeriodStart(new DateOnly(2026, 11, 29), CohortPeriod.Week));
        Assert.Equal(new DateOnly(2026, 11, 30), ServiceScores.PeriodStart(new DateOnly(2026, 11, 30), CohortPeriod.Week));
    }

    [Fact]
    public void Counts_weigh_as_many_answers()
    {
        var report = ServiceScores.Of([Nps(10) with { Count = 3 }, Nps(5)], CohortPeriod.Month);

        Assert.Equal(50.0, report.Overall.Nps.Score);
        Assert.Equal(4, report.Overall.Nps.Answers);
    }

    [Fact]
    public void An_answer_outside_its_scale_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceScores.Of([Csat(0)], CohortPeriod.Month));
    }
}
