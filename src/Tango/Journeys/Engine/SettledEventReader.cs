using System.Data.Common;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Journeys.Engine;

/// <summary>
/// Reads the stored events behind a named cursor, for one reader (the journey engine, the webhook fan-out): pages
/// from the cursor, hands the wanted events to the reader in small write transactions, and moves the cursor only past
/// rows received longer ago than the settle window (see <see cref="EventSignals"/>). Rows after the cursor are read
/// again on every pass, so the reader's work must be idempotent; the rows this node already handled are skipped.
/// </summary>
public sealed class SettledEventReader(WriteQueue writes, EventSignals signals, JourneyOptions options, TimeProvider clock, string cursorName,
    int eventsPerWrite)
{
    private const int MaxPagesPerRun = 100;

    private readonly HashSet<long> _handled = [];
    private readonly Lock _gate = new();

    /// <summary>The stored cursor, or <paramref name="start"/>'s answer stored now (so the look for where to start happens once).</summary>
    public async Task<long> CursorAsync(DbConnection connection, Func<Task<long>> start)
    {
        if (await EventSignals.StoredCursorAsync(connection, cursorName) is { } seq)
        {
            return seq;
        }
        var first = await start();
        await AdvanceAsync(first);
        return first;
    }

    /// <returns>The sum of what <paramref name="handle"/> returned.</returns>
    public async Task<int> ReadAsync(DbConnection connection, long cursor, Func<SignalEvent, bool> wanted,
        Func<WriteScope, IReadOnlyList<SignalEvent>, Task<int>> handle, CancellationToken ct)
    {
        var settled = clock.GetUtcNow() - options.Settle;
        var (after, next, contiguous, total) = (cursor, cursor, true, 0);
        for (var page = 0; page < MaxPagesPerRun && !ct.IsCancellationRequested; page++)
        {
            var events = await EventSignals.PageAsync(connection, after, options.EventPage);
            if (events.Count == 0)
            {
                break;
            }
            var todo = events.Where(e => !Handled(e.Seq) && wanted(e)).ToList();
            // Small transactions: a writer loop held by a reader is a writer loop purchases wait for.
            foreach (var chunk in todo.Chunk(eventsPerWrite))
            {
                total += await writes.RunAsync(scope => handle(scope, chunk));
                lock (_gate)
                {
                    _handled.UnionWith(chunk.Select(e => e.Seq));
                }
            }
            foreach (var e in events)
            {
                contiguous &= e.ReceivedAt <= settled;
                if (contiguous)
                {
                    next = e.Seq;
                }
            }
            after = events[^1].Seq;
            if (events.Count < options.EventPage)
            {
                break;
            }
        }
        if (next > cursor)
        {
            await AdvanceAsync(next);
            lock (_gate)
            {
                _handled.RemoveWhere(seq => seq <= next);
            }
        }
        return total;
    }

    private Task AdvanceAsync(long seq) =>
        writes.RunAsync(async scope =>
        {
            await signals.AdvanceAsync(scope, seq, cursorName);
            return 0;
        });

    private bool Handled(long seq)
    {
        lock (_gate)
        {
            return _handled.Contains(seq);
        }
    }
}
