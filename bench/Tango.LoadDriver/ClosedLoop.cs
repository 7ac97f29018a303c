using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;

namespace Tango.LoadDriver;

/// <summary>
/// Closed-loop load: each client keeps exactly one request (a purchase or a balance read) in flight, so
/// throughput is what the server sustains at that concurrency and latency is not inflated by a queue inside
/// the driver. With several addresses, client i sends to address i mod count.
/// </summary>
internal static class ClosedLoop
{
    private const int ErrorsToPrint = 5;
    private const int ErrorBodyChars = 500;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public static async Task<LoadReport> RunAsync(DriverOptions options, TimeProvider time, CancellationToken stop)
    {
        var perNode = (options.Clients + options.Urls.Count - 1) / options.Urls.Count;
        var nodes = options.Urls.Select(url => Http.Create(url, options, perNode)).ToArray();

        var acked = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var ackWriter = options.AckedFile is { } ackedFile
            ? WriteAckedAsync(ackedFile, acked.Reader)
            : DrainAsync(acked.Reader);

        // Order ids must never repeat, across runs too: a repeated one is a 409, not a purchase.
        var runId = Guid.NewGuid().ToString("N")[..8];
        var shared = new SharedState(ErrorsToPrint);
        var start = time.GetTimestamp();
        var warmupEnd = start + ToTimestampTicks(options.Warmup, time);
        var end = warmupEnd + ToTimestampTicks(options.Duration, time);

        var what = options.Mode == DriverMode.Balance ? "balance reads" : "purchases";
        Console.Error.WriteLine(
            $"sending {what} to {string.Join(", ", options.Urls)}: {options.Clients} clients, " +
            $"{options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured");

        var clients = new ClientStats[options.Clients];
        var tasks = new Task[options.Clients];
        for (var i = 0; i < clients.Length; i++)
        {
            var stats = clients[i] = new ClientStats(EstimateCapacity(options));
            var client = new ClientContext(i, runId, nodes[i % nodes.Length], options, time, warmupEnd, end, acked.Writer, shared, stats);
            tasks[i] = Task.Run(() => RunClientAsync(client, stop), CancellationToken.None);
        }

        await Task.WhenAll(tasks);
        acked.Writer.Complete();
        await ackWriter;
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        return LoadReport.Create(options, clients, warmupEnd, time);
    }

    private static async Task RunClientAsync(ClientContext c, CancellationToken stop)
    {
        var random = new Random();
        long sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = c.Time.GetTimestamp();
            if (started >= c.End)
            {
                break;
            }

            var measured = started >= c.WarmupEnd;
            sequence++;
            var orderId = c.Options.Mode == DriverMode.Purchase
                ? string.Create(CultureInfo.InvariantCulture, $"o-{c.RunId}-{c.Index}-{sequence}")
                : null;
            using var request = orderId is null
                ? BalanceRequest(random, c.Options)
                : PurchaseRequest(orderId, random, c.Options);

            string? error = null;
            int? status = null;
            try
            {
                using var response = await c.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, stop);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    c.Stats.Acked++;
                    if (orderId is not null)
                    {
                        c.Acked.TryWrite(orderId);
                    }
                }
                else
                {
                    var body = await response.Content.ReadAsStringAsync(stop);
                    error = $"HTTP {status}: {Truncate(body)}";
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                error = $"{ex.GetType().Name}: {ex.Message}";
            }

            var finished = c.Time.GetTimestamp();
            if (measured)
            {
                c.Stats.Record(status, finished - started, finished);
            }
            else
            {
                c.Stats.WarmupRequests++;
            }

            if (error is not null)
            {
                c.Shared.ReportError(error);
                if (status is null)
                {
                    // The server is down or refusing connections: back off a little instead of spinning.
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50), c.Time, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static HttpRequestMessage PurchaseRequest(string orderId, Random random, DriverOptions options)
    {
        var member = MemberId(random, options);
        var total = random.Next(500, 20_001) / 100m;
        var sku = random.Next(1, 1_001);
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"type":"purchase","memberId":"{{{member}}}","data":{"orderId":"{{{orderId}}}","total":{{{total}}},"lines":[{"sku":"sku-{{{sku}}}","category":"coffee","quantity":1,"unitPrice":{{{total}}}}]}}""");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = JsonContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/events") { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    private static HttpRequestMessage BalanceRequest(Random random, DriverOptions options) =>
        new(HttpMethod.Get, $"v1/members/{MemberId(random, options)}/balance");

    private static string MemberId(Random random, DriverOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"{options.MemberPrefix}{random.Next(1, options.Members + 1)}");

    private static async Task WriteAckedAsync(string path, ChannelReader<string> reader)
    {
        // Written as acknowledgements arrive, flushed in batches, so that the file is current even if the
        // run is cut short: a crash test compares it with what the store kept.
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var orderId))
            {
                await writer.WriteLineAsync(orderId);
            }

            await writer.FlushAsync();
        }
    }

    private static async Task DrainAsync(ChannelReader<string> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _))
            {
            }
        }
    }

    private static long ToTimestampTicks(TimeSpan span, TimeProvider time) =>
        (long)(span.TotalSeconds * time.TimestampFrequency);

    private static int EstimateCapacity(DriverOptions options) =>
        // Room for ~2,000 requests/s shared by all clients; the list grows past that if it must.
        (int)Math.Clamp(2_000 * options.Duration.TotalSeconds / options.Clients, 1_024, 1 << 20);

    private static string Truncate(string text) =>
        text.Length <= ErrorBodyChars ? text : string.Concat(text.AsSpan(0, ErrorBodyChars), "…");

    private sealed record ClientContext(
        int Index,
        string RunId,
        HttpClient Http,
        DriverOptions Options,
        TimeProvider Time,
        long WarmupEnd,
        long End,
        ChannelWriter<string> Acked,
        SharedState Shared,
        ClientStats Stats);

    private sealed class SharedState(int errorsToPrint)
    {
        private int _printed;

        public void ReportError(string error)
        {
            if (Interlocked.Increment(ref _printed) <= errorsToPrint)
            {
                Console.Error.WriteLine($"error: {error}");
            }
        }
    }
}

/// <summary>What one client saw in the measured window; touched by that client only, read after the run.</summary>
internal sealed class ClientStats(int capacity)
{
    /// <summary>Latencies in <see cref="TimeProvider"/> timestamp ticks of requests that got an HTTP answer.</summary>
    public List<long> Latencies { get; } = new(capacity);

    public Dictionary<string, long> Statuses { get; } = new(StringComparer.Ordinal);

    public long Requests { get; private set; }

    public long Ok { get; private set; }

    public long WarmupRequests { get; set; }

    /// <summary>2xx answers, warm-up included: every one of them is a purchase the server promised to keep.</summary>
    public long Acked { get; set; }

    public long LastFinished { get; private set; }

    public void Record(int? status, long elapsedTicks, long finished)
    {
        Requests++;
        LastFinished = Math.Max(LastFinished, finished);
        var key = status?.ToString(CultureInfo.InvariantCulture) ?? "exception";
        Statuses[key] = Statuses.GetValueOrDefault(key) + 1;
        if (status is null)
        {
            return;
        }

        Latencies.Add(elapsedTicks);
        if (status is >= 200 and < 300)
        {
            Ok++;
        }
    }
}
