using System.Globalization;
using System.Text;
using Tango.Store.Infrastructure;

namespace Tango.Operations;

/// <summary>`GET /metrics`: Prometheus text exposition of the write path's counters.</summary>
public static class MetricsEndpoint
{
    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", (WriteQueue writes) =>
        {
            var text = new StringBuilder();
            Counter(text, "tango_write_batches_total", "Transactions committed by the write queue.", writes.BatchesCommitted);
            Counter(text, "tango_write_items_total", "Pieces of write work (events, redemptions, ...) committed.", writes.ItemsCommitted);
            Counter(text, "tango_write_batch_fallbacks_total", "Batches rolled back and rerun item by item.", writes.BatchFallbacks);
            Counter(text, "tango_write_work_seconds_total", "Time batches spent running their work before commit.", writes.WorkTime.TotalSeconds);
            Counter(text, "tango_write_commit_seconds_total", "Time batches spent committing.", writes.CommitTime.TotalSeconds);
            Gauge(text, "tango_write_queue_depth", "Pieces of write work waiting for a writer.", writes.Waiting);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        }).WithTags("Operations").AllowAnonymous().ExcludeFromDescription();

    private static void Counter(StringBuilder text, string name, string help, double value) => Write(text, name, help, "counter", value);

    private static void Gauge(StringBuilder text, string name, string help, double value) => Write(text, name, help, "gauge", value);

    private static void Write(StringBuilder text, string name, string help, string type, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
