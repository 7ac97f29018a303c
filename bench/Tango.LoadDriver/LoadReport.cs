using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tango.LoadDriver;

/// <summary>Latency percentiles in milliseconds (nearest rank) over the requests that got an HTTP answer.</summary>
internal sealed record LatencySummary(long Count, double P50, double P90, double P99, double Max, double Mean);

/// <summary>The figures of one run; the measured window starts after the warm-up.</summary>
internal sealed record LoadReport(
    string Mode,
    string Url,
    int Clients,
    double WarmupSeconds,
    double DurationSeconds,
    int Members,
    double MeasuredSeconds,
    long Requests,
    long Ok,
    long Errors,
    double ThroughputPerSecond,
    double OkPerSecond,
    LatencySummary LatencyMs,
    IReadOnlyDictionary<string, long> Statuses,
    long WarmupRequests,
    long Acked)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LoadReport Create(DriverOptions options, IReadOnlyList<ClientStats> clients, long warmupEnd, TimeProvider time)
    {
        var total = clients.Sum(c => c.Latencies.Count);
        var latencies = new long[total];
        var at = 0;
        foreach (var client in clients)
        {
            client.Latencies.CopyTo(latencies, at);
            at += client.Latencies.Count;
        }

        Array.Sort(latencies);

        var statuses = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in clients.SelectMany(c => c.Statuses))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + count;
        }

        var requests = clients.Sum(c => c.Requests);
        var ok = clients.Sum(c => c.Ok);
        var lastFinished = clients.Max(c => c.LastFinished);
        // The window closes when the last measured request came back, not at the deadline, so the
        // requests still in flight at the deadline are counted over the time they really took.
        var measured = requests == 0 ? TimeSpan.Zero : time.GetElapsedTime(warmupEnd, lastFinished);
        var seconds = measured.TotalSeconds;

        double Ms(long ticks) => Math.Round(ticks * 1000.0 / time.TimestampFrequency, 3);
        double Percentile(double p) =>
            total == 0 ? 0 : Ms(latencies[Math.Clamp((int)Math.Ceiling(p / 100 * total) - 1, 0, total - 1)]);

        var latency = new LatencySummary(
            total,
            Percentile(50),
            Percentile(90),
            Percentile(99),
            total == 0 ? 0 : Ms(latencies[^1]),
            total == 0 ? 0 : Math.Round(latencies.Average(t => t * 1000.0 / time.TimestampFrequency), 3));

        return new LoadReport(
            options.Mode.ToString().ToLowerInvariant(),
            string.Join(",", options.Urls),
            options.Clients,
            options.Warmup.TotalSeconds,
            options.Duration.TotalSeconds,
            options.Members,
            Math.Round(seconds, 3),
            requests,
            ok,
            requests - ok,
            seconds > 0 ? Math.Round(requests / seconds, 1) : 0,
            seconds > 0 ? Math.Round(ok / seconds, 1) : 0,
            latency,
            statuses,
            clients.Sum(c => c.WarmupRequests),
            clients.Sum(c => c.Acked));
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    public string ToText()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{Mode}:{new string(' ', Math.Max(1, 13 - Mode.Length))}{Url} ({Clients} clients, {Members} members)");
        text.AppendLine(inv, $"window:       {MeasuredSeconds:0.00} s measured after {WarmupSeconds:0} s warm-up ({WarmupRequests} warm-up requests)");
        text.AppendLine(inv, $"requests:     {Requests}");
        text.AppendLine(inv, $"errors:       {Errors}");
        text.AppendLine(inv, $"throughput:   {ThroughputPerSecond:0.0} req/s ({OkPerSecond:0.0} ok/s)");
        text.AppendLine(inv, $"latency p50:  {LatencyMs.P50:0.00} ms");
        text.AppendLine(inv, $"latency p90:  {LatencyMs.P90:0.00} ms");
        text.AppendLine(inv, $"latency p99:  {LatencyMs.P99:0.00} ms");
        text.AppendLine(inv, $"latency max:  {LatencyMs.Max:0.00} ms");
        text.AppendLine(inv, $"statuses:     {string.Join(", ", Statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        text.Append(inv, $"acknowledged: {Acked} {(Mode == "purchase" ? "purchases" : "answers")} (warm-up included)");
        return text.ToString();
    }
}
