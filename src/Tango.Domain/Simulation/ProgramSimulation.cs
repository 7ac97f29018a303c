using Tango.Domain.Programs;

namespace Tango.Domain.Simulation;

/// <summary>The current and the proposed program over the same history, and the members whose tier would differ.</summary>
public sealed record SimulationResult(SimulationFigures Current, SimulationFigures Proposed, int TierMoveCount, IReadOnlyList<TierMove> TierMoves);

/// <summary>Replays one history under two programs side by side; nothing is written anywhere.</summary>
public static class ProgramSimulation
{
    /// <param name="events">Purchases and refunds in the order they happened.</param>
    /// <param name="end">The instant the replay ends: lots due by then expire, tiers are reviewed then.</param>
    /// <param name="maxMoves">How many tier moves to list (all are counted).</param>
    /// <param name="people">The sign-ups with a code and the contacts the referral rules need.</param>
    public static SimulationResult Run(ProgramDocument current, ProgramDocument proposed, IReadOnlyList<ReplayEvent> events,
        DateTimeOffset end, int maxMoves = 1000, ReplayPeople? people = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = new ProgramReplay(current, people);
        var next = new ProgramReplay(proposed, people);
        SimulationFigures? nowFigures = null;
        SimulationFigures? nextFigures = null;
        // The two replays share nothing but the (read-only) events, so they use both cores.
        Parallel.Invoke(
            () => nowFigures = Replay(now, events, end),
            () => nextFigures = Replay(next, events, end));

        var moves = new List<TierMove>();
        var count = 0;
        foreach (var member in now.MemberIds.Order(StringComparer.Ordinal))
        {
            var before = now.TierOf(member);
            var after = next.TierOf(member);
            if (before != after)
            {
                count++;
                if (moves.Count < maxMoves)
                {
                    moves.Add(new TierMove(member, before, after));
                }
            }
        }
        return new SimulationResult(nowFigures!, nextFigures!, count, moves);
    }

    private static SimulationFigures Replay(ProgramReplay replay, IReadOnlyList<ReplayEvent> events, DateTimeOffset end)
    {
        foreach (var e in events)
        {
            replay.Apply(e);
        }
        return replay.Finish(end);
    }
}
