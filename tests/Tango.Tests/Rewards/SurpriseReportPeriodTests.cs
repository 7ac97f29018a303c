using Tango.Rewards;

namespace Tango.Tests.Rewards;

public sealed class SurpriseReportPeriodTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 23, 30, 0, TimeSpan.FromHours(-5)); // already 24 Nov in UTC

    [Fact]
    public void Without_dates_the_period_is_the_current_utc_month_so_far()
    {
        var (period, problems) = SurpriseReportPeriod.Parse(null, "", s_now);

        Assert.Empty(problems);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 24)), (period!.From, period.To));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void Each_calendar_month_the_period_touches_counts_once_across_a_year_end()
    {
        var (period, _) = SurpriseReportPeriod.Parse("2026-11-30", "2027-02-01", s_now);

        Assert.Equal(4, period!.MonthCount);
        Assert.Equal([new(2026, 11, 1), new(2026, 12, 1), new(2027, 1, 1), new DateOnly(2027, 2, 1)], period.Months());
    }

    [Theory]
    [InlineData("2026-13-01", null, "from")]
    [InlineData("2026-11-01", "1 Dec", "to")]
    [InlineData("2026-11-20", "2026-11-19", "to")]
    [InlineData("2026-11-01", "9999-12-31", "to")]
    public void A_date_that_does_not_read_or_an_end_before_the_start_gives_no_period(string? from, string? to, string field)
    {
        var (period, problems) = SurpriseReportPeriod.Parse(from, to, s_now);

        Assert.Null(period);
        Assert.Equal(field, Assert.Single(problems).Field);
    }
}
