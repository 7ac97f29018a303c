using Tango.Domain.Journeys;
using Tango.Domain.Programs;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Programs;

namespace Tango.Journeys.Engine;

/// <summary>
/// Notices triggers: reads new events (see <see cref="EventSignals"/> for why the cursor lags by a settle
/// window), and scans dates, insights and service recovery for the triggers that are states. Each finding
/// enters the member through <see cref="JourneyEntries"/>, idempotently, so re-reading is harmless.
/// </summary>
public sealed class SignalPoller(Database db, WriteQueue writes, JourneyStore journeys, JourneyEntries entries, EventSignals signals,
    StateScans scans, ProgramStore programs, JourneyOptions options, TimeProvider clock)
{
    private const int EventsPerWrite = 100;

    private readonly SettledEventReader _reader = new(writes, signals, options, clock, EventSignals.CursorName, EventsPerWrite);

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
        // Before the first cursor, the events received before the first enabled journey are history and are not read at all.
        var cursor = await _reader.CursorAsync(connection, () => EventSignals.LastBeforeAsync(connection, active.Min(j => j.EnabledAt)));
        return await _reader.ReadAsync(connection, cursor, e => byTenant.Contains(e.TenantId),
            (scope, chunk) => EnterAllAsync(scope, chunk, byTenant), ct);
    }

    private async Task<int> EnterAllAsync(WriteScope scope, IReadOnlyList<SignalEvent> events, ILookup<string, ActiveJourney> byTenant)
    {
        var entered = 0;
        foreach (var e in events)
        {
            // An event received long after it happened is an import of history, not a moment to write to anyone.
            var program = await programs.CurrentAsync(scope, e.TenantId);
            if (HistoryPolicy.Of(program.Document).IsHistory(e.OccurredAt, e.ReceivedAt))
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
