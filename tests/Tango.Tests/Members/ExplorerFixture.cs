using System.Globalization;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Members;

/// <summary>
/// A store of 210 members for the explorer: 200 purchasers over two years (enough for
/// the models to fit), 10 who never bought, a third with email consent, three tiers by spend; then an analytics refresh.
/// </summary>
internal static class ExplorerFixture
{
    public const int Purchasers = 200;

    public static readonly DateTimeOffset Today = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>What the seed did, per member: their orders, what they came to, and the first and last purchase.</summary>
    public sealed record Seeded(string Id, int Orders, decimal Spend, DateTimeOffset? First, DateTimeOffset? Last, bool EmailConsent);

    public static async Task<Dictionary<string, Seeded>> SeedAsync(TangoServer server)
    {
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
             "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":150},{"id":"gold","name":"Gold","minSpend":400}]}
            """), 200);
        var seeded = new Dictionary<string, Seeded>(StringComparer.Ordinal);
        var events = new JsonArray();
        var random = new Random(20261123);
        for (var n = 1; n <= Purchasers; n++)
        {
            var id = $"m-{n:D3}";
            // Buy-till-you-die as BG/NBD tells it: a purchase rate from a gamma, a chance to drop out after each purchase
            // from a beta, exponential gaps between purchases.
            var first = Today.AddDays(-700 + random.Next(0, 690)).AddHours(random.Next(0, 12));
            var rate = -(Math.Log(1 - random.NextDouble()) + Math.Log(1 - random.NextDouble())) / 60;
            var dropout = 1 - Math.Pow(random.NextDouble(), 1.0 / 3);
            var orders = 0;
            decimal spend = 0;
            var at = first;
            var last = first;
            var alive = true;
            var meanSpend = 15 + 120 * Math.Pow(random.NextDouble(), 2);
            while (alive && at < Today)
            {
                var total = Math.Round((decimal)(meanSpend * (0.4 + 1.2 * random.NextDouble())), 2);
                events.Add(new JsonObject
                {
                    ["idempotencyKey"] = $"{id}-{orders}",
                    ["type"] = "purchase",
                    ["memberId"] = id,
                    ["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["data"] = new JsonObject { ["orderId"] = $"{id}-o{orders}", ["total"] = total },
                });
                spend += total;
                last = at;
                orders++;
                at = at.AddDays(Math.Ceiling(-Math.Log(1 - random.NextDouble()) / rate));
                alive = random.NextDouble() >= dropout;
            }
            seeded[id] = new Seeded(id, orders, spend, first, last, n % 3 == 0);
        }
        await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(events.ToJsonString())), 200);
        for (var n = Purchasers + 1; n <= Purchasers + 10; n++)
        {
            var id = $"m-{n:D3}";
            await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"{{id}}","name":"Never, \"Bought\" {{n}}"}""")), 201);
            seeded[id] = new Seeded(id, 0, 0, null, null, n % 3 == 0);
        }
        foreach (var s in seeded.Values.Where(s => s.EmailConsent))
        {
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/members/{s.Id}")
            {
                Content = Json($$$"""{"email":"{{{s.Id}}}@example.com","consent":{"email":true,"sms":false}}"""),
            };
            await ExpectAsync(await server.Admin.SendAsync(patch), 200);
        }
        var refreshed = await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        var clv = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/clv"), 200);
        Assert.True(Value<bool>(refreshed["modelFitted"]) && clv["distribution"] is not null, clv.ToJsonString());
        return seeded;
    }

    /// <summary>Every member of the list, read in pages of <paramref name="limit"/>; asserts each page's total.</summary>
    public static async Task<List<JsonObject>> ReadAllAsync(TangoServer server, string query, int limit = 500)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        long? total = null;
        var pages = 0;
        do
        {
            var separator = query.Length == 0 ? "" : "&";
            var page = await ExpectAsync(await server.Admin.GetAsync(
                $"/v1/members?{query}{separator}limit={limit}" + (cursor is null ? "" : "&cursor=" + cursor)), 200);
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            total ??= Value<long>(page["total"]);
            Assert.Equal(total, Value<long>(page["total"]));
            cursor = page["nextCursor"]?.GetValue<string>();
            Assert.True(++pages < 1000, "The cursor does not move on.");
        }
        while (cursor is not null);
        Assert.Equal(total, items.Count);
        return items;
    }

    public static List<string> Ids(IEnumerable<JsonObject> items) => items.Select(i => Value<string>(i["id"])).ToList();
}
