using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo s_berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeOnly s_nine = new(21, 0);
    private static readonly TimeOnly s_eight = new(8, 0);

    [Theory]
    [InlineData("2026-11-23T19:59:00Z", null)]                   // 20:59 in Berlin
    [InlineData("2026-11-23T20:00:00Z", "2026-11-24T07:00:00Z")] // 21:00: quiet until 08:00 tomorrow
    [InlineData("2026-11-24T02:00:00Z", "2026-11-24T07:00:00Z")] // 03:00: quiet until 08:00 today
    [InlineData("2026-11-24T07:00:00Z", null)]                   // 08:00 sharp: allowed
    public void Overnight_quiet_hours_hold_until_the_next_end_in_the_members_zone(string now, string? until)
    {
        var held = QuietHours.HeldUntil(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), s_berlin, s_nine, s_eight);

        Assert.Equal(until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), held);
    }

    [Fact]
    public void Quiet_hours_within_one_day_end_the_same_day()
    {
        var held = QuietHours.HeldUntil(new DateTimeOffset(2026, 7, 1, 11, 30, 0, TimeSpan.Zero), s_berlin, new TimeOnly(13, 0), new TimeOnly(15, 0));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero), held); // 15:00 CEST
    }

    [Fact]
    public void A_morning_on_the_night_the_clocks_go_forward_is_still_eight_local()
    {
        // Berlin springs forward on 29 March 2026 at 02:00: 08:00 that day is 06:00 UTC, not 07:00.
        var held = QuietHours.HeldUntil(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), s_berlin, s_nine, s_eight);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), held);
    }

    [Fact]
    public void A_wall_time_skipped_by_the_clock_change_becomes_the_first_moment_after_it()
    {
        var instant = LocalDates.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), s_berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), instant); // 03:00 CEST
    }
}
