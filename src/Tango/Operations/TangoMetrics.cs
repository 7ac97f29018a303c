using System.Diagnostics.Metrics;
using Tango.Store.Infrastructure;

namespace Tango.Operations;

/// <summary>
/// Tango's own instruments. They are exported at `/metrics` in Prometheus text next to ASP.NET Core's
/// request metrics (rates and latency histograms by route and status).
/// </summary>
public sealed class TangoMetrics
{
    public const string MeterName = "Tango";

    private readonly Counter<long> _eventsIngested;
    private readonly Counter<long> _journeySends;

    // Refreshed by the journey worker after each run, so a scrape never queries the store.
    private volatile IReadOnlyDictionary<string, long> _outboxDepth = new Dictionary<string, long>();
    private long _webhooksPending;

    public TangoMetrics(IMeterFactory meters, WriteQueue writes)
    {
        var meter = meters.Create(MeterName);
        _eventsIngested = meter.CreateCounter<long>("tango.events.ingested", "{event}", "Events stored (replays not counted), by type.");
        meter.CreateObservableCounter("tango.write.batches", () => writes.BatchesCommitted, "{transaction}", "Transactions committed by the write queue.");
        meter.CreateObservableCounter("tango.write.items", () => writes.ItemsCommitted, "{item}", "Pieces of write work (events, redemptions, ...) committed.");
        meter.CreateObservableCounter("tango.write.batch_fallbacks", () => writes.BatchFallbacks, "{transaction}", "Batches rolled back and rerun item by item.");
        meter.CreateObservableCounter("tango.write.work_time", () => writes.WorkTime.TotalSeconds, "s", "Time batches spent running their work before commit.");
        meter.CreateObservableCounter("tango.write.commit_time", () => writes.CommitTime.TotalSeconds, "s", "Time batches spent committing.");
        meter.CreateObservableGauge("tango.write.queue_depth", () => writes.Waiting, "{item}", "Pieces of write work waiting for a writer.");
        _journeySends = meter.CreateCounter<long>("tango.journey.sends", "{message}", "Journey and incident messages delivered, by channel.");
        meter.CreateObservableGauge("tango.outbox.depth",
            () => _outboxDepth.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("channel", d.Key))),
            "{message}", "Messages queued in the outbox for a channel, as of the journey worker's last run.");
        meter.CreateObservableGauge("tango.webhook.pending", () => Interlocked.Read(ref _webhooksPending), "{delivery}",
            "Webhook deliveries waiting for an attempt, as of the journey worker's last run.");
    }

    public void JourneySent(string channel) => _journeySends.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void OutboxDepth(IReadOnlyDictionary<string, long> queuedByChannel, long webhooksPending)
    {
        // Every channel is reported, so a drained queue shows 0 rather than vanishing.
        _outboxDepth = new[] { "email", "webhook", "inbox" }.ToDictionary(c => c, c => queuedByChannel.GetValueOrDefault(c));
        Interlocked.Exchange(ref _webhooksPending, webhooksPending);
    }

    public void EventIngested(string type) =>
        _eventsIngested.Add(1, new KeyValuePair<string, object?>("type", type.StartsWith("custom.", StringComparison.Ordinal) ? "custom" : type));
}
