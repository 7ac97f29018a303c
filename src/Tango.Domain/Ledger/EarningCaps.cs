using Tango.Domain.Journeys;
using Tango.Domain.Programs;

namespace Tango.Domain.Ledger;

/// <summary>The local day and month (program time zone) an instant falls in, as UTC instants [start, end).</summary>
public sealed record EarningPeriods(DateTimeOffset DayStart, DateTimeOffset DayEnd, DateTimeOffset MonthStart, DateTimeOffset MonthEnd);

/// <summary>
/// Per-member earning limits (<c>earning.limits</c>): what a purchase earns beyond the day's or month's room
/// is withheld, as a negative component so the components still add up. The purchase path sums the member's
/// purchase earnings (net of claw-backs) in <see cref="Periods(ProgramDocument, DateTimeOffset)"/>; the simulation's replay does the same.
/// </summary>
public static class EarningCaps
{
    public const string PerDayRule = "earning.limits.perDay";
    public const string PerMonthRule = "earning.limits.perMonth";

    public static EarningPeriods Periods(ProgramDocument program, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Periods(Zone(program), at);
    }

    /// <summary>The program's zone, for a caller that asks for many periods (the simulation's replay).</summary>
    public static TimeZoneInfo Zone(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return LocalDates.Zone(null, program.TimeZone);
    }

    public static EarningPeriods Periods(TimeZoneInfo zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = LocalDates.Today(at, zone);
        var month = new DateOnly(day.Year, day.Month, 1);
        return new EarningPeriods(Start(day, zone), Start(day.AddDays(1), zone), Start(month, zone), Start(month.AddMonths(1), zone));
    }

    /// <param name="earnedToday">
    /// What the member's recorded purchases earned in the purchase's local day (a late import sees the ones recorded after
    /// it in time too, so the day's total never goes over the cap).
    /// </param>
    /// <param name="earnedThisMonth">The same for the local month (including that day).</param>
    public static EarningResult Apply(ProgramDocument program, EarningResult earned, long earnedToday, long earnedThisMonth)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(earned);
        var limits = program.Earning.Limits;
        if (limits is null || earned.Points <= 0)
        {
            return earned;
        }
        var (dayRoom, monthRoom) = Rooms(limits, earnedToday, earnedThisMonth);
        var room = Math.Min(dayRoom, monthRoom);
        if (earned.Points <= room)
        {
            return earned;
        }
        var withheld = earned.Points - room;
        var cut = dayRoom <= monthRoom
            ? new EarnComponent(PerDayRule, -withheld,
                $"daily limit of {limits.PerDay} points: {earnedToday} already earned that day, {room} of {earned.Points} granted")
            : new EarnComponent(PerMonthRule, -withheld,
                $"monthly limit of {limits.PerMonth} points: {earnedThisMonth} already earned that month, {room} of {earned.Points} granted");
        return earned with { Points = room, Components = [.. earned.Components, cut] };
    }

    /// <summary>The most a purchase may still earn under the limits, given what the member earned in its day and month.</summary>
    public static long Room(EarningLimits limits, long earnedToday, long earnedThisMonth)
    {
        var (dayRoom, monthRoom) = Rooms(limits, earnedToday, earnedThisMonth);
        return Math.Min(dayRoom, monthRoom);
    }

    private static (long Day, long Month) Rooms(EarningLimits limits, long earnedToday, long earnedThisMonth) =>
        (limits.PerDay is { } perDay ? Math.Max(0, perDay - earnedToday) : long.MaxValue,
         limits.PerMonth is { } perMonth ? Math.Max(0, perMonth - earnedThisMonth) : long.MaxValue);

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone) => LocalDates.ToInstant(day, TimeOnly.MinValue, zone);
}
