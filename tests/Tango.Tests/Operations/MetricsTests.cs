using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Operations;

/// <summary>
/// Alone, because meters are process-wide: another test's server in this process would add to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Metrics_count_ingested_events_requests_and_write_batches_in_prometheus_text(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("m-1");
        await server.PurchaseAsync("m-1", "o-1", 10m, key: "k-1");
        await server.PurchaseAsync("m-1", "o-1", 10m, key: "k-1"); // a replay is not a second event
        await server.PurchaseAsync("m-1", "o-2", 20m);
        using var anonymous = server.Client(null);

        // A request's duration is recorded once its response has gone out, so the last one may lag a little.
        string text;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            var response = await anonymous.GetAsync("/metrics");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
        }
        while (TrySample(text, "http_server_request_duration_seconds_count", "http_route=\"/v1/events\"") < 3 && waited.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal(2, Sample(text, "tango_events_ingested_total", "type=\"purchase\""));
        Assert.True(Sample(text, "tango_write_batches_total") >= 3);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_memory_working_set_bytes", text, StringComparison.Ordinal); // the runtime's meter
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/v1/events\"") >= 3);
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Sample(string text, string name, string label = "") =>
        TrySample(text, name, label) ?? throw new Xunit.Sdk.XunitException($"No sample {name} {label} in:\n{text}");

    /// <summary>Sample lines are `name{labels} value [timestamp]`.</summary>
    private static double? TrySample(string text, string name, string label = "")
    {
        var line = text.Split('\n').FirstOrDefault(l =>
            l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] is ' ' or '{' && l.Contains(label, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }
        var afterLabels = line[(line.Contains('}', StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : name.Length)..].Trim();
        return double.Parse(afterLabels.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
