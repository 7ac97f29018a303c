using System.Globalization;

namespace Tango.Domain.Journeys;

/// <summary>Dates as a member lives them: in their own time zone, else the program's, else UTC.</summary>
public static class LocalDates
{
    public static TimeZoneInfo Zone(string? memberZone, string? programZone)
    {
        foreach (var id in new[] { memberZone, programZone })
        {
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
            }
        }
        return TimeZoneInfo.Utc;
    }

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>
    /// The instant a local wall-clock time happens. A time skipped by a clock change (02:30 on a spring-forward
    /// night) is taken as the first valid moment after it; a repeated one as its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>This year's date of an annual day: 29 February is kept on 28 February in other years.</summary>
    public static DateOnly InYear(DateOnly date, int year) =>
        date.Month == 2 && date.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, date.Month, date.Day);

    /// <summary>
    /// The year whose occurrence of <paramref name="date"/> falls <paramref name="daysBefore"/> days after the
    /// member's today, or null when it is not today. A birthday in Auckland starts while it is still the day
    /// before in London.
    /// </summary>
    public static int? AnnualOccasion(DateOnly date, DateTimeOffset now, TimeZoneInfo zone, int daysBefore = 0)
    {
        var target = Today(now, zone).AddDays(daysBefore);
        return InYear(date, target.Year) == target ? target.Year : null;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
