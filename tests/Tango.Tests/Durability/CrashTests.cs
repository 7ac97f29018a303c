using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Tango.Tests.Harness;

namespace Tango.Tests.Durability;

public sealed class CrashTests
{
    private const string Key = "crash-test-admin-key";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Every_purchase_acknowledged_before_a_kill_9_is_there_after_restart_and_none_twice(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var acknowledged = new ConcurrentBag<(string Key, string Body)>();
        var sent = 0;

        await using (var server = await TangoProcess.StartAsync(store.Location, Key))
        {
            using var client = Client(server.Address);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var n = Interlocked.Increment(ref sent);
                    var body = $$$"""{"type":"purchase","memberId":"m-{{{n % 50}}}","data":{"orderId":"o-{{{n}}}","total":{{{10 + n % 90}}}}}""";
                    try
                    {
                        var response = await PostAsync(client, $"k-{n}", body);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(($"k-{n}", body));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            var running = Stopwatch.StartNew();
            while (acknowledged.Count < 300 && running.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
            await server.KillAsync(); // mid-load: requests are in flight and batches uncommitted
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
        Assert.True(acknowledged.Count >= 300, $"Only {acknowledged.Count} purchases were acknowledged before the kill.");

        await using (var restarted = await TangoProcess.StartAsync(store.Location, Key))
        {
            using var client = Client(restarted.Address);
            foreach (var (key, body) in acknowledged)
            {
                // The same key and body again: a stored purchase replays; a lost one would be applied now.
                var again = await PostAsync(client, key, body);
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                Assert.True(again.Headers.Contains("Idempotent-Replayed"), $"Acknowledged purchase {key} was lost in the crash.");
            }
        }
        Assert.Empty(await TangoServer.VerifyStoreAsync(store.Location));
    }

    private static HttpClient Client(Uri address) => DurabilityClient.For(address, Key);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body) =>
        DurabilityClient.PostEventAsync(client, key, body);
}
