namespace Tango.Domain.Challenges;

/// <summary>The event-time span a recorded completion used: the events inside it count toward nothing else.</summary>
public readonly record struct CompletedSpan(DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// What one event did to a challenge. <see cref="Counted"/> is false when it cannot count (completed for good, or
/// inside an occurrence already completed); <see cref="Completed"/> is the span of the occurrence it completed.
/// </summary>
public sealed record ChallengeJudgement(bool Counted, int Progress, int Target, CompletedSpan? Completed)
{
    public static ChallengeJudgement NotCounted(int target) => new(false, 0, target, null);
}

/// <summary>Where a member stands at an instant: progress toward the next completion, or done for good (once).</summary>
public sealed record ChallengeStanding(int Progress, int Target, bool Done);

/// <summary>
/// Judges challenges from when things happened, never from the order they arrived in: every call looks at the
/// member's qualifying events around the new one (see <see cref="ChallengeRule.Horizon"/>) and the spans of the
/// occurrences already completed. Events inside a completed span are used up, so no event counts twice and an
/// occurrence is never completed twice; a late event lands in its own window or week.
/// </summary>
public static class ChallengeJudge
{
    /// <param name="others">The member's other qualifying events (not the new one), at least those in the horizon.</param>
    /// <param name="at">When the new event happened.</param>
    /// <param name="completed">The spans of this challenge's completed occurrences for the member.</param>
    public static ChallengeJudgement Judge(ChallengeRule rule, IEnumerable<DateTimeOffset> others, DateTimeOffset at,
        IReadOnlyCollection<CompletedSpan> completed)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(completed);
        if (!rule.Repeats && completed.Count > 0)
        {
            return ChallengeJudgement.NotCounted(rule.Target);
        }
        return rule.IsStreak ? JudgeStreak(rule, others, at, completed) : JudgeCount(rule, others, at, completed);
    }

    public static ChallengeStanding Standing(ChallengeRule rule, IEnumerable<DateTimeOffset> events, DateTimeOffset now,
        IReadOnlyCollection<CompletedSpan> completed)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(completed);
        if (!rule.Repeats && completed.Count > 0)
        {
            return new ChallengeStanding(rule.Target, rule.Target, true);
        }
        if (rule.IsStreak)
        {
            var periods = new StreakPeriods(rule, events.Where(e => e <= now), completed);
            var current = rule.Period(now);
            var progress = periods.IsActive(current) ? periods.RunEndingAt(current) : periods.RunEndingAt(current - 1);
            return new ChallengeStanding(Math.Min(progress, rule.Periods - 1), rule.Target, false);
        }
        // Events after the end of the latest completed occurrence, inside the window that ends now.
        var usedUntil = completed.Where(s => s.To <= now).Select(s => (DateTimeOffset?)s.To).Max();
        var open = events.Count(e => e <= now && now - e < rule.Window && (usedUntil is null || e > usedUntil) && !Inside(e, completed));
        return new ChallengeStanding(Math.Min(open, rule.Count - 1), rule.Target, false);
    }

    /// <summary>
    /// A count challenge completes when the new event and count − 1 other unused events fall within the window with
    /// no completed occurrence between them. The earliest-ending such group is taken.
    /// </summary>
    private static ChallengeJudgement JudgeCount(ChallengeRule rule, IEnumerable<DateTimeOffset> others, DateTimeOffset at,
        IReadOnlyCollection<CompletedSpan> completed)
    {
        if (Inside(at, completed))
        {
            return ChallengeJudgement.NotCounted(rule.Target);
        }
        // The new event goes after the unused events at the same instant, so it is never counted before them.
        var free = others.Where(e => !Inside(e, completed)).Order().ToList();
        var index = free.FindLastIndex(e => e <= at) + 1;
        free.Insert(index, at);
        var n = rule.Count;
        for (var end = index; end < free.Count && end - n + 1 <= index; end++)
        {
            var start = end - n + 1;
            if (start >= 0 && Fits(rule, free[start], free[end], completed))
            {
                return new ChallengeJudgement(true, n, n, new CompletedSpan(free[start], free[end]));
            }
        }
        // Not completed: the most unused events in one window that holds the new event.
        var best = 1;
        for (var start = index; start >= 0 && Fits(rule, free[start], at, completed); start--)
        {
            var end = index;
            while (end + 1 < free.Count && Fits(rule, free[start], free[end + 1], completed))
            {
                end++;
            }
            best = Math.Max(best, end - start + 1);
        }
        return new ChallengeJudgement(true, Math.Min(best, n - 1), n, null);
    }

    /// <summary>
    /// A streak completes when the new event's period and the periods around it make <see cref="ChallengeRule.Periods"/>
    /// consecutive periods, each with enough unused events. The earliest-ending such run is taken.
    /// </summary>
    private static ChallengeJudgement JudgeStreak(ChallengeRule rule, IEnumerable<DateTimeOffset> others, DateTimeOffset at,
        IReadOnlyCollection<CompletedSpan> completed)
    {
        var periods = new StreakPeriods(rule, others.Append(at), completed);
        var period = rule.Period(at);
        if (periods.IsUsed(period))
        {
            return ChallengeJudgement.NotCounted(rule.Target);
        }
        var length = rule.Periods;
        for (var first = period - length + 1; first <= period; first++)
        {
            var last = first + length - 1;
            if (periods.AllActive(first, last))
            {
                return new ChallengeJudgement(true, length, length, new CompletedSpan(periods.First(first), periods.Last(last)));
            }
        }
        var run = periods.IsActive(period)
            ? periods.RunEndingAt(period) + periods.RunStartingAt(period + 1)
            : periods.RunEndingAt(period - 1);
        return new ChallengeJudgement(true, Math.Min(run, length - 1), length, null);
    }

    private static bool Fits(ChallengeRule rule, DateTimeOffset first, DateTimeOffset last, IReadOnlyCollection<CompletedSpan> completed) =>
        last - first < rule.Window && !completed.Any(s => s.From <= last && s.To >= first);

    private static bool Inside(DateTimeOffset at, IReadOnlyCollection<CompletedSpan> completed) =>
        completed.Any(s => s.From <= at && at <= s.To);

    /// <summary>The member's events by period, with the periods completed streaks used up.</summary>
    private sealed class StreakPeriods
    {
        private readonly ChallengeRule _rule;
        private readonly Dictionary<long, List<DateTimeOffset>> _events = [];
        private readonly List<(long First, long Last)> _used;

        public StreakPeriods(ChallengeRule rule, IEnumerable<DateTimeOffset> events, IReadOnlyCollection<CompletedSpan> completed)
        {
            _rule = rule;
            _used = completed.Select(s => (rule.Period(s.From), rule.Period(s.To))).ToList();
            foreach (var at in events)
            {
                var period = rule.Period(at);
                if (!_events.TryGetValue(period, out var list))
                {
                    _events[period] = list = [];
                }
                list.Add(at);
            }
        }

        public bool IsUsed(long period) => _used.Any(u => u.First <= period && period <= u.Last);

        public bool IsActive(long period) =>
            !IsUsed(period) && _events.TryGetValue(period, out var list) && list.Count >= _rule.Count;

        public bool AllActive(long first, long last)
        {
            for (var p = first; p <= last; p++)
            {
                if (!IsActive(p))
                {
                    return false;
                }
            }
            return true;
        }

        public int RunEndingAt(long period)
        {
            var run = 0;
            while (run < _rule.Periods && IsActive(period - run))
            {
                run++;
            }
            return run;
        }

        public int RunStartingAt(long period)
        {
            var run = 0;
            while (run < _rule.Periods && IsActive(period + run))
            {
                run++;
            }
            return run;
        }

        public DateTimeOffset First(long period) => _events[period].Min();

        public DateTimeOffset Last(long period) => _events[period].Max();
    }
}
