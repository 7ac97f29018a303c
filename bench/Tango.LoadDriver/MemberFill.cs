using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tango.LoadDriver;

/// <summary>How the members were created in load mode.</summary>
internal sealed record FillReport(
    string Url,
    int Members,
    string MemberPrefix,
    int Batch,
    int Clients,
    double Seconds,
    long Created,
    long Failed,
    double MembersPerSecond,
    IReadOnlyDictionary<string, long> Statuses)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    public string ToText() =>
        string.Create(CultureInfo.InvariantCulture,
            $"loaded:       {Created} of {Members} members ({MemberPrefix}1 .. {MemberPrefix}{Members}) in {Seconds:0.0} s, " +
            $"{MembersPerSecond:0} members/s, {Failed} failed; {Batch} events a call, {Clients} calls in flight");
}

/// <summary>
/// Creates members 1..N through the API as a store would fill up in use: one purchase each, sent in
/// <c>POST /v1/events:batch</c> calls of up to 10,000 events, which enrols every member with a balance.
/// Each call waits for all its events to commit; several calls in flight keep the write queue full.
/// </summary>
internal static class MemberFill
{
    private const int ErrorsToPrint = 5;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public static async Task<FillReport> RunAsync(DriverOptions options, TimeProvider time, CancellationToken stop)
    {
        using var http = Http.Create(options.Urls[0], options, options.Clients);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var calls = (options.Members + options.Batch - 1) / options.Batch;
        var next = -1;
        var done = 0;
        long created = 0, failed = 0, printed = 0;
        var statuses = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var start = time.GetTimestamp();

        Console.Error.WriteLine(
            $"loading {options.Members} members into {http.BaseAddress}v1/events:batch: {calls} calls of up to " +
            $"{options.Batch} events, {options.Clients} in flight");

        void Count(string status, long items, string? error)
        {
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + items;
                if (error is not null && ++printed <= ErrorsToPrint)
                {
                    Console.Error.WriteLine($"error: {error}");
                }
            }
        }

        async Task ClientAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var call = Interlocked.Increment(ref next);
                if (call >= calls)
                {
                    return;
                }

                var from = call * options.Batch + 1;
                var to = Math.Min(options.Members, from + options.Batch - 1);
                var (ok, bad) = await SendAsync(http, runId, from, to, options.MemberPrefix, Count, stop);
                Interlocked.Add(ref created, ok);
                Interlocked.Add(ref failed, bad);
                var finished = Interlocked.Increment(ref done);
                if (finished % Math.Max(1, calls / 10) == 0 || finished == calls)
                {
                    var seconds = time.GetElapsedTime(start).TotalSeconds;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {finished}/{calls} calls, {Interlocked.Read(ref created)} members, {seconds:0.0} s"));
                }
            }
        }

        var clients = Enumerable.Range(0, Math.Min(options.Clients, calls)).Select(_ => Task.Run(ClientAsync, CancellationToken.None));
        await Task.WhenAll(clients);
        var elapsed = time.GetElapsedTime(start).TotalSeconds;
        return new FillReport(options.Urls[0].ToString(), options.Members, options.MemberPrefix, options.Batch,
            options.Clients, Math.Round(elapsed, 3), created, failed,
            elapsed > 0 ? Math.Round(created / elapsed, 1) : 0, statuses);
    }

    private static async Task<(long Ok, long Failed)> SendAsync(HttpClient http, string runId, int from, int to, string prefix,
        Action<string, long, string?> count, CancellationToken stop)
    {
        var items = to - from + 1;
        var body = new ArrayBufferWriter<byte>(items * 160);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartArray();
            for (var n = from; n <= to; n++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"fill-{runId}-{n}");
                json.WriteStartObject();
                json.WriteString("idempotencyKey", id);
                json.WriteString("type", "purchase");
                json.WriteString("memberId", string.Create(CultureInfo.InvariantCulture, $"{prefix}{n}"));
                json.WriteStartObject("data");
                json.WriteString("orderId", id);
                // 5.00 to 104.99, so balances differ from member to member.
                json.WriteNumber("total", 5m + n % 10_000 / 100m);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        using var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.ContentType = JsonContentType;
        try
        {
            using var response = await http.PostAsync("v1/events:batch", content, stop);
            var text = await response.Content.ReadAsStringAsync(stop);
            if (!response.IsSuccessStatusCode)
            {
                count(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), items,
                    $"HTTP {(int)response.StatusCode} for members {from}..{to}: {text[..Math.Min(text.Length, 500)]}");
                return (0, items);
            }

            return CountResults(text, from, count);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException or IOException) && !stop.IsCancellationRequested)
        {
            count("exception", items, $"{ex.GetType().Name} for members {from}..{to}: {ex.Message}");
            return (0, items);
        }
    }

    private static (long Ok, long Failed) CountResults(string text, int from, Action<string, long, string?> count)
    {
        using var doc = JsonDocument.Parse(text);
        long ok = 0, failed = 0;
        var index = 0;
        var byStatus = new Dictionary<int, long>();
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            var status = result.GetProperty("status").GetInt32();
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status is >= 200 and < 300)
            {
                ok++;
            }
            else
            {
                failed++;
                count(status.ToString(CultureInfo.InvariantCulture), 0,
                    $"member {from + index}: HTTP {status}: {result.GetProperty("problem").GetRawText()}");
            }

            index++;
        }

        foreach (var (status, n) in byStatus)
        {
            count(status.ToString(CultureInfo.InvariantCulture), n, null);
        }

        return (ok, failed);
    }
}
