using System.Data.Common;
using Tango.Domain.Journeys;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Journeys.Engine;

/// <summary>
/// Notices triggers: reads new events (see <see cref="EventSignals"/> for why the cursor lags by a settle
/// window), and scans dates, insights and service recovery for the triggers that are states. Each finding
/// enters the member through <see cref="JourneyEntries"/>, idempotently, so re-reading is harmless.
/// </summary>
public sealed class SignalPoller(Database db, WriteQueue writes, JourneyStore journeys, JourneyEntries entries, EventSignals signals,
    StateScans scans, JourneyOptions options, TimeProvider clock)
{
    private const int MaxPagesPerRun = 100;
    private const int EventsPerWrite = 100;

    // Rows beyond the cursor that this node has already entered; re-reading them is harmless, skipping them is cheaper.
    private readonly HashSet<long> _handled = [];
    private readonly Lock _gate = new();

    /// <returns>How many members entered a journey (held-out ones included).</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        IReadOnlyList<ActiveJourney> active;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            active = await journeys.EnabledAsync(connection);
            if (active.Count == 0)
            {
                return 0;
            }
        }
        var entered = await ReadEventsAsync(active, ct);
        entered += await scans.RunAsync(active, ct);
        return entered;
    }

    private async Task<int> ReadEventsAsync(IReadOnlyList<ActiveJourney> active, CancellationToken ct)
    {
        var byTenant = active.Where(j => TriggerTypes.Find(j.Definition.Trigger?.Type)?.Source == TriggerSource.Event)
            .ToLookup(j => j.TenantId);
        if (byTenant.Count == 0)
        {
            return 0;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var cursor = await CursorAsync(connection, active);
        var settled = clock.GetUtcNow() - options.Settle;
        var (after, next, contiguous, entered) = (cursor, cursor, true, 0);
        for (var page = 0; page < MaxPagesPerRun && !ct.IsCancellationRequested; page++)
        {
            var events = await EventSignals.PageAsync(connection, after, options.EventPage);
            if (events.Count == 0)
            {
                break;
            }
            var todo = events.Where(e => !Handled(e.Seq) && byTenant.Contains(e.TenantId)).ToList();
            // Small transactions: a writer loop held by the poller is a writer loop purchases wait for.
            foreach (var chunk in todo.Chunk(EventsPerWrite))
            {
                entered += await writes.RunAsync(scope => EnterAllAsync(scope, chunk, byTenant));
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
            await writes.RunAsync(async scope =>
            {
                await signals.AdvanceAsync(scope, next);
                return 0;
            });
            lock (_gate)
            {
                _handled.RemoveWhere(seq => seq <= next);
            }
        }
        return entered;
    }

    /// <summary>
    /// The stored cursor; before the first one, the events received before the first enabled journey are
    /// history and are not read at all.
    /// </summary>
    private async Task<long> CursorAsync(DbConnection connection, IReadOnlyList<ActiveJourney> active)
    {
        if (await EventSignals.StoredCursorAsync(connection) is { } seq)
        {
            return seq;
        }
        var start = await EventSignals.LastBeforeAsync(connection, active.Min(j => j.EnabledAt));
        // Stored at once, so the look for where to start happens once, not on every pass until events arrive.
        await writes.RunAsync(async scope =>
        {
            await signals.AdvanceAsync(scope, start);
            return 0;
        });
        return start;
    }

    private bool Handled(long seq)
    {
        lock (_gate)
        {
            return _handled.Contains(seq);
        }
    }

    private async Task<int> EnterAllAsync(WriteScope scope, IReadOnlyList<SignalEvent> events, ILookup<string, ActiveJourney> byTenant)
    {
        var entered = 0;
        foreach (var e in events)
        {
            // An event received long after it happened is an import of history, not a moment to write to anyone.
            if (e.ReceivedAt - e.OccurredAt > options.MaxEventAge)
            {
                continue;
            }
            foreach (var journey in byTenant[e.TenantId])
            {
                var trigger = journey.Definition.Trigger!;
                if (e.ReceivedAt < journey.EnabledAt || !EventTriggers.Matches(trigger, e.Type)
                    || EventTriggers.Entering(trigger, e) is not { } entering)
                {
                    continue;
                }
                if (trigger.Type == TriggerTypes.FirstPurchase && !await JourneyEntries.IsFirstOrderAsync(scope, e.TenantId, e.MemberId, entering))
                {
                    continue;
                }
                var outcome = await entries.EnterAsync(scope, journey, entering);
                if (outcome is EntryOutcome.Entered or EntryOutcome.HeldOut)
                {
                    entered++;
                }
                else if (outcome == EntryOutcome.Duplicate && trigger.Type == TriggerTypes.CartAbandoned)
                {
                    // The cart changed: the abandonment clock starts again from this update.
                    await JourneyEntries.RestartAsync(scope, journey, entering);
                }
            }
        }
        return entered;
    }
}
