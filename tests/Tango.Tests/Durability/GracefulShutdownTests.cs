using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Tango.Tests.Harness;

namespace Tango.Tests.Durability;

public sealed class GracefulShutdownTests
{
    private const string Key = "shutdown-test-admin-key";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Sigterm_under_load_finishes_in_flight_requests_exits_cleanly_and_keeps_every_acknowledged_purchase(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var acknowledged = new ConcurrentBag<(string Key, string Body)>();
        var failures = new ConcurrentBag<HttpStatusCode>();
        var sent = 0;
        int exitCode;

        await using (var server = await TangoProcess.StartAsync(store.Location, Key))
        {
            using var client = Client(server.Address);
            var load = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var n = Interlocked.Increment(ref sent);
                    var body = $$$"""{"type":"purchase","memberId":"m-{{{n % 40}}}","data":{"orderId":"o-{{{n}}}","total":{{{10 + n % 90}}}}}""";
                    try
                    {
                        var response = await PostAsync(client, $"k-{n}", body);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(($"k-{n}", body));
                        }
                        else
                        {
                            failures.Add(response.StatusCode);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return; // the server stopped taking requests
                    }
                }
            })).ToList();

            var running = Stopwatch.StartNew();
            while (acknowledged.Count < 300 && running.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
            exitCode = await server.TerminateAsync(TimeSpan.FromSeconds(30));
            await Task.WhenAll(load);
        }

        Assert.Equal(0, exitCode);
        Assert.Empty(failures); // in flight at the signal means answered, not failed
        Assert.True(acknowledged.Count >= 300, $"Only {acknowledged.Count} purchases were acknowledged.");
        await using (var restarted = await TangoProcess.StartAsync(store.Location, Key))
        {
            using var client = Client(restarted.Address);
            foreach (var (key, body) in acknowledged)
            {
                var again = await PostAsync(client, key, body);
                Assert.True(again.Headers.Contains("Idempotent-Replayed"), $"Acknowledged purchase {key} was lost at shutdown.");
            }
        }
        Assert.Empty(await TangoServer.VerifyStoreAsync(store.Location));
    }

    private static HttpClient Client(Uri address) => DurabilityClient.For(address, Key);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body) =>
        DurabilityClient.PostEventAsync(client, key, body);
}
