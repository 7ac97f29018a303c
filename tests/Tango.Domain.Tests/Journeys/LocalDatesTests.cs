using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class LocalDatesTests
{
    [Fact]
    public void A_birthday_starts_in_auckland_while_it_is_still_the_day_before_in_london()
    {
        var noonUtc = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var birthday = new DateOnly(1990, 11, 24);

        Assert.Equal(2026, LocalDates.AnnualOccasion(birthday, noonUtc, LocalDates.Zone("Pacific/Auckland", null)));
        Assert.Null(LocalDates.AnnualOccasion(birthday, noonUtc, LocalDates.Zone("Europe/London", null)));
        Assert.Null(LocalDates.AnnualOccasion(birthday, noonUtc, LocalDates.Zone(null, null)));
    }

    [Fact]
    public void A_29_february_birthday_is_kept_on_28_february_in_other_years()
    {
        var leapling = new DateOnly(2000, 2, 29);

        Assert.Equal(2027, LocalDates.AnnualOccasion(leapling, new DateTimeOffset(2027, 2, 28, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.Equal(2028, LocalDates.AnnualOccasion(leapling, new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.Null(LocalDates.AnnualOccasion(leapling, new DateTimeOffset(2028, 2, 28, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Days_before_move_the_occasion_earlier()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(2026, LocalDates.AnnualOccasion(new DateOnly(1990, 11, 24), now, TimeZoneInfo.Utc, daysBefore: 3));
    }

    [Fact]
    public void The_members_zone_wins_then_the_programs_then_utc_and_an_unknown_zone_is_skipped()
    {
        Assert.Equal("Asia/Tokyo", LocalDates.Zone("Asia/Tokyo", "Europe/Paris").Id);
        Assert.Equal("Europe/Paris", LocalDates.Zone("Mars/Olympus", "Europe/Paris").Id);
        Assert.Equal(TimeZoneInfo.Utc, LocalDates.Zone(null, null));
    }
}
