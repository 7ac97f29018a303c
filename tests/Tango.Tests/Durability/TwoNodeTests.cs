using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Durability;

/// <summary>Two `tango serve` processes on one PostgreSQL database behave as one.</summary>
public sealed class TwoNodeTests
{
    private const string Key = "two-node-admin-key";
    private const int Members = 12;
    private const int OrdersPerMember = 6;
    private const int MugStock = 15;

    [Fact]
    public async Task Two_nodes_racing_on_the_same_members_apply_every_request_once_and_never_oversell()
    {
        await using var store = await TestStore.CreateAsync(StoreUnderTest.Postgres);
        await using var first = await TangoProcess.StartAsync(store.Location, Key);
        await using var second = await TangoProcess.StartAsync(store.Location, Key);
        using var a = Client(first.Address);
        using var b = Client(second.Address);
        await ExpectAsync(await a.PutAsync("/v1/program", Json(
            $$"""{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},"rewards":[{"id":"mug","name":"Mug","kind":"product","costPoints":100,"portable":false,"stock":{{MugStock}}}]}""")), 200);

        // Every purchase and refund goes to both nodes at once with the same key: one applies it, the other replays it.
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var orders = Enumerable.Range(0, Members * OrdersPerMember).Select(async n =>
        {
            var member = $"m-{n % Members}";
            var purchase = $$$"""{"type":"purchase","memberId":"{{{member}}}","data":{"orderId":"o-{{{n}}}","total":100}}""";
            await BothAsync(a, b, $"p-{n}", purchase, statuses);
            if (n % 3 == 0)
            {
                var refund = $$$"""{"type":"refund","memberId":"{{{member}}}","data":{"orderId":"o-{{{n}}}","amount":50}}""";
                await BothAsync(a, b, $"r-{n}", refund, statuses);
            }
        });
        await Task.WhenAll(orders);

        // Then more mug redemptions than there are mugs, split across the nodes.
        var redeemed = 0;
        var redemptions = Enumerable.Range(0, 40).Select(async i =>
        {
            var response = await (i % 2 == 0 ? a : b).PostAsync($"/v1/members/m-{i % Members}/redemptions", Json("""{"rewardId":"mug"}"""));
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref redeemed);
            }
        });
        await Task.WhenAll(redemptions);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(MugStock, redeemed);
        for (var m = 0; m < Members; m++)
        {
            var ledger = (await ExpectAsync(await a.GetAsync($"/v1/members/m-{m}/ledger?limit=500"), 200))["items"]!.AsArray();
            Assert.Equal(OrdersPerMember, ledger.Count(l => Value<string>(l!["kind"]) == "earn"));
            Assert.Equal(Enumerable.Range(0, Members * OrdersPerMember).Count(n => n % Members == m && n % 3 == 0),
                ledger.Count(l => Value<string>(l!["kind"]) == "clawback"));
        }
        Assert.Empty(await VerifyStoreAsync(store.Location));
    }

    private static async Task BothAsync(HttpClient a, HttpClient b, string key, string body, ConcurrentBag<HttpStatusCode> statuses)
    {
        var answers = await Task.WhenAll(PostAsync(a, key, body), PostAsync(b, key, body));
        foreach (var answer in answers)
        {
            statuses.Add(answer.StatusCode);
        }
        var bodies = await Task.WhenAll(answers.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(JsonNode.Parse(bodies[0])!.ToJsonString(), JsonNode.Parse(bodies[1])!.ToJsonString());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }
}
