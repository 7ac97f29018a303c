using Tango.Domain.Journeys;
using Tango.Domain.Programs;

namespace Tango.Domain.Challenges;

/// <summary>
/// A challenge of the program document with its defaults filled in, and the arithmetic of its time: the rolling
/// window of a count challenge, the periods of a streak (consecutive blocks of <see cref="PeriodDays"/> local days
/// counted from Monday 1970-01-05 in the program's time zone, so 7-day periods are the weeks Monday to Sunday).
/// </summary>
public sealed record ChallengeRule
{
    public const string CountKind = "count";
    public const string StreakKind = "streak";
    public const string Once = "once";
    public const string Always = "always";

    private static readonly DateOnly s_epochMonday = new(1970, 1, 5);

    public required ChallengeDefinition Definition { get; init; }

    public string Id => Definition.Id;

    public bool IsStreak { get; init; }

    /// <summary>Events needed: within the window (count), or in each period (streak).</summary>
    public int Count { get; init; }

    public TimeSpan Window { get; init; }

    public int PeriodDays { get; init; }

    public int Periods { get; init; }

    /// <summary>Whether it can be completed (and paid) again after the first time.</summary>
    public bool Repeats { get; init; }

    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    public string Kind => IsStreak ? StreakKind : CountKind;

    /// <summary>What completing it means: events for a count challenge, periods for a streak.</summary>
    public int Target => IsStreak ? Periods : Count;

    public static ChallengeRule From(ChallengeDefinition definition, string? programZone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var streak = definition.Kind == StreakKind;
        return new ChallengeRule
        {
            Definition = definition,
            IsStreak = streak,
            Count = Math.Max(1, definition.Count),
            Window = TimeSpan.FromDays(Math.Max(1, definition.WindowDays)),
            PeriodDays = Math.Max(1, definition.PeriodDays ?? 7),
            Periods = Math.Max(1, definition.Periods ?? 1),
            Repeats = definition.Repeat == Always,
            Zone = LocalDates.Zone(null, programZone),
        };
    }

    /// <summary>The challenges of a program that the event type drives.</summary>
    public static IReadOnlyList<ChallengeRule> For(ProgramDocument program, string eventType)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Challenges is not { Count: > 0 } challenges)
        {
            return [];
        }
        return challenges.Where(c => c is not null && string.Equals(c.Event, eventType, StringComparison.Ordinal))
            .Select(c => From(c, program.TimeZone)).ToList();
    }

    /// <summary>The period an instant falls in (streaks).</summary>
    public long Period(DateTimeOffset at)
    {
        var days = (long)LocalDates.Today(at, Zone).DayNumber - s_epochMonday.DayNumber;
        return days >= 0 ? days / PeriodDays : ((days + 1) / PeriodDays) - 1;
    }

    /// <summary>The instant a period starts: local midnight of its first day.</summary>
    public DateTimeOffset PeriodStart(long period) =>
        LocalDates.ToInstant(s_epochMonday.AddDays(checked((int)(period * PeriodDays))), TimeOnly.MinValue, Zone);

    /// <summary>
    /// The events that can matter to an event at <paramref name="at"/>: those within a window of it (count), or
    /// within a streak's length of its period on either side (streak). Late events can complete groups after them.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Horizon(DateTimeOffset at)
    {
        if (!IsStreak)
        {
            return (at - Window, at + Window);
        }
        var period = Period(at);
        return (PeriodStart(period - Periods + 1), PeriodStart(period + Periods));
    }

    /// <summary>The events that can matter to the standing at <paramref name="now"/>.</summary>
    public DateTimeOffset StandingFrom(DateTimeOffset now) => IsStreak ? PeriodStart(Period(now) - Periods) : now - Window;
}
