using Tango.Domain.Programs;
using Tango.Domain.Service;

namespace Tango.Domain.Tests.Service;

public sealed class TicketClockTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static TicketClock Fresh(TicketPriority priority = TicketPriority.Urgent)
    {
        var (first, resolution) = TicketClock.DueTimes(Opened, SlaTargets.Default.For(priority));
        return new TicketClock(first, null, null, resolution, null, null);
    }

    [Theory]
    [InlineData(TicketPriority.Low, 24 * 60, 5 * 24 * 60)]
    [InlineData(TicketPriority.Normal, 8 * 60, 2 * 24 * 60)]
    [InlineData(TicketPriority.High, 2 * 60, 24 * 60)]
    [InlineData(TicketPriority.Urgent, 30, 4 * 60)]
    public void Default_targets_put_the_due_times_that_long_after_opening(TicketPriority priority, int firstMinutes, int resolutionMinutes)
    {
        var clock = Fresh(priority);

        Assert.Equal(Opened.AddMinutes(firstMinutes), clock.FirstResponseDueAt);
        Assert.Equal(Opened.AddMinutes(resolutionMinutes), clock.ResolutionDueAt);
    }

    [Fact]
    public void The_program_overrides_a_target_and_the_rest_keep_their_defaults()
    {
        var targets = SlaTargets.Of(new SlaPolicy { Urgent = new SlaTargetPolicy { FirstResponse = "PT10M" } });

        Assert.Equal(new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromHours(4)), targets.For(TicketPriority.Urgent));
        Assert.Equal(SlaTargets.Default.For(TicketPriority.Low), targets.For(TicketPriority.Low));
    }

    [Fact]
    public void A_target_is_not_breached_one_tick_before_its_deadline_and_is_breached_at_it()
    {
        var clock = Fresh();

        Assert.Equal(SlaBreach.None, clock.NewBreaches(clock.FirstResponseDueAt.AddTicks(-1)));
        Assert.Equal(SlaBreach.FirstResponse, clock.NewBreaches(clock.FirstResponseDueAt));
    }

    [Fact]
    public void A_first_response_before_the_deadline_meets_it_and_one_at_the_deadline_is_late()
    {
        var onTime = Fresh() with { FirstResponseAt = Opened.AddMinutes(30).AddTicks(-1) };
        var atDeadline = Fresh() with { FirstResponseAt = Opened.AddMinutes(30) };

        Assert.Equal(SlaBreach.None, onTime.NewBreaches(Opened.AddHours(3)));
        Assert.Equal(SlaBreach.FirstResponse, atDeadline.NewBreaches(Opened.AddHours(3)));
    }

    [Fact]
    public void A_marked_breach_is_not_found_again()
    {
        var clock = Fresh();
        var marked = clock.Mark(clock.NewBreaches(clock.FirstResponseDueAt));

        Assert.Equal(clock.FirstResponseDueAt, marked.FirstResponseBreachedAt);
        Assert.Equal(SlaBreach.None, marked.NewBreaches(clock.FirstResponseDueAt.AddMinutes(1)));
        Assert.Equal(SlaBreach.Resolution, marked.NewBreaches(clock.ResolutionDueAt));
    }

    [Fact]
    public void Both_targets_found_at_once_when_the_job_first_runs_after_both_deadlines()
    {
        var clock = Fresh();

        Assert.Equal(SlaBreach.FirstResponse | SlaBreach.Resolution, clock.NewBreaches(clock.ResolutionDueAt.AddHours(1)));
    }

    [Fact]
    public void The_next_due_time_is_the_earliest_target_neither_met_nor_breached()
    {
        var clock = Fresh();
        var responded = clock with { FirstResponseAt = Opened.AddMinutes(5) };
        var breachedFirst = clock.Mark(SlaBreach.FirstResponse);
        var resolved = responded with { ResolvedAt = Opened.AddHours(1) };

        Assert.Equal(clock.FirstResponseDueAt, clock.NextDueAt);
        Assert.Equal(clock.ResolutionDueAt, responded.NextDueAt);
        Assert.Equal(clock.ResolutionDueAt, breachedFirst.NextDueAt);
        Assert.Null(resolved.NextDueAt);
    }
}
