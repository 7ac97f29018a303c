using Tango.Domain.Service;

namespace Tango.Domain.Tests.Service;

public sealed class CompensationTests
{
    [Fact]
    public void Under_the_cap_the_full_compensation_is_granted()
    {
        Assert.Equal(new CompensationDecision(200, 200, null), Compensation.Decide(200, 500, 0));
        Assert.Equal(new CompensationDecision(200, 200, null), Compensation.Decide(200, 500, 300));
    }

    [Fact]
    public void A_grant_that_would_pass_the_cap_is_reduced_to_what_is_left_and_says_why()
    {
        var decision = Compensation.Decide(200, 300, 200);

        Assert.Equal(100, decision.Granted);
        Assert.Equal(200, decision.Requested);
        Assert.Contains("reduced from 200 to 100", decision.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_cap_used_up_nothing_is_granted_and_the_case_says_why()
    {
        var decision = Compensation.Decide(200, 300, 300);

        Assert.Equal(0, decision.Granted);
        Assert.StartsWith("skipped", decision.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_month_is_the_utc_calendar_month()
    {
        var (start, end) = Compensation.MonthOf(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), end);
    }
}
