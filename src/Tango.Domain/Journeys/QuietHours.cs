using System.Globalization;

namespace Tango.Domain.Journeys;

/// <summary>
/// Quiet hours in the member's own time zone: a send that comes due inside them waits for their end
/// ("held until the morning"), it is not dropped.
/// </summary>
public static class QuietHours
{
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// Null when a message may go at <paramref name="now"/>; otherwise the instant the quiet hours end. Hours
    /// that wrap midnight (21:00–08:00) are quiet from start to the next day's end.
    /// </summary>
    public static DateTimeOffset? HeldUntil(DateTimeOffset now, TimeZoneInfo zone, TimeOnly start, TimeOnly end)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        DateOnly? endDay = start < end
            ? (time >= start && time < end ? today : null)
            : time >= start ? today.AddDays(1) : time < end ? today : null;
        return endDay is { } day ? LocalDates.ToInstant(day, end, zone) : null;
    }
}
