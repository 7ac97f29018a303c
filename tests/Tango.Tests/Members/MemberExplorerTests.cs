using System.Globalization;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Members.ExplorerFixture;

namespace Tango.Tests.Members;

public sealed class MemberExplorerTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Each_member_in_the_list_carries_its_insights_orders_spend_points_and_first_purchase_as_member_since(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        var seeded = await SeedAsync(server);

        var items = await ReadAllAsync(server, "");

        Assert.Equal(seeded.Keys.Order(StringComparer.Ordinal), Ids(items));
        foreach (var item in items)
        {
            var id = Value<string>(item["id"]);
            var s = seeded[id];
            var insights = await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{id}/insights"), 200);
            var member = await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{id}"), 200);
            Assert.Equal(s.Orders, Value<int>(item["orders"]));
            Assert.Equal(s.Spend, Value<decimal>(item["spend"]));
            Assert.Equal(s.Last, item["lastPurchaseAt"] is { } last ? Value<DateTimeOffset>(last) : null);
            Assert.Equal(s.First, item["memberSince"] is { } since ? Value<DateTimeOffset>(since) : null);
            Assert.Equal(Value<long>((await server.BalanceAsync(id))["points"]), Value<long>(item["points"]));
            Assert.Equal(member["tier"]?.GetValue<string>(), item["tier"]?.GetValue<string>());
            Assert.Equal(Value<string>(insights["loyaltyStage"]), Value<string>(item["stage"]));
            Assert.Equal(insights["rfm"]?["segment"]?.GetValue<string>(), item["segment"]?.GetValue<string>());
            Assert.Equal(insights["pAlive"]?.GetValue<double>(), item["pAlive"]?.GetValue<double>());
            Assert.Equal(insights["predictedClv12m"]?.GetValue<double>(), item["clv"]?.GetValue<double>());
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Each_filter_keeps_exactly_the_members_whose_figures_match_and_the_total_counts_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        var seeded = await SeedAsync(server);
        var all = await ReadAllAsync(server, "");
        var rfm = new Dictionary<string, (int R, int F)>(StringComparer.Ordinal);
        foreach (var id in seeded.Keys.Where(k => seeded[k].Orders > 0))
        {
            var insights = await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{id}/insights"), 200);
            rfm[id] = (Value<int>(insights["rfm"]!["r"]), Value<int>(insights["rfm"]!["f"]));
        }
        var segment = all.Select(i => i["segment"]?.GetValue<string>()).First(s => s is not null)!;
        var pAlives = all.Where(i => i["pAlive"] is not null).Select(i => Value<double>(i["pAlive"])).Order().ToList();
        var clvs = all.Where(i => i["clv"] is not null).Select(i => Value<double>(i["clv"])).Order().ToList();
        string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        DateOnly? LastDay(JsonObject i) => i["lastPurchaseAt"] is { } l ? DateOnly.FromDateTime(Value<DateTimeOffset>(l).UtcDateTime) : null;
        var cases = new (string Query, Func<JsonObject, bool> Keeps)[]
        {
            ("tier=silver", i => i["tier"]?.GetValue<string>() == "silver"),
            ($"segment={segment}", i => i["segment"]?.GetValue<string>() == segment),
            ("stage=lapsing", i => Value<string>(i["stage"]) == "lapsing"),
            ("stage=none", i => Value<string>(i["stage"]) == "none"),
            ($"minPAlive={Num(pAlives[40])}", i => i["pAlive"] is { } p && Value<double>(p) >= pAlives[40]),
            ($"maxPAlive={Num(pAlives[40])}", i => i["pAlive"] is { } p && Value<double>(p) <= pAlives[40]),
            ($"minClv={Num(clvs[30])}&maxClv={Num(clvs[90])}", i => i["clv"] is { } c && Value<double>(c) >= clvs[30] && Value<double>(c) <= clvs[90]),
            ("lastPurchaseBefore=2026-03-01", i => LastDay(i) < new DateOnly(2026, 3, 1)),
            ("lastPurchaseAfter=2026-03-01", i => LastDay(i) > new DateOnly(2026, 3, 1)),
            ("minOrders=3", i => Value<int>(i["orders"]) >= 3),
            ("minOrders=0", _ => true),
            ("emailConsent=true", i => seeded[Value<string>(i["id"])].EmailConsent),
            ("emailConsent=false", i => !seeded[Value<string>(i["id"])].EmailConsent),
            ("q=M-20", i => Value<string>(i["id"]).StartsWith("m-20", StringComparison.Ordinal)),
            ("q=bought", i => seeded[Value<string>(i["id"])].Orders == 0),
            ("rfmR=5&rfmF=1", i => rfm.TryGetValue(Value<string>(i["id"]), out var s) && s == (5, 1)),
            ($"segment={segment}&emailConsent=true&minOrders=2", i => i["segment"]?.GetValue<string>() == segment &&
                seeded[Value<string>(i["id"])].EmailConsent && Value<int>(i["orders"]) >= 2),
            ("tier=silver&stage=none", i => false),
        };

        foreach (var (query, keeps) in cases)
        {
            var expected = Ids(all.Where(keeps));
            var page = await ExpectAsync(await server.Admin.GetAsync($"/v1/members?{query}&limit=500"), 200);
            Assert.True(expected.SequenceEqual(Ids(page["items"]!.AsArray().Select(i => i!.AsObject()))), $"{query}: expected {string.Join(' ', expected)}");
            Assert.Equal(expected.Count, Value<long>(page["total"]));
        }
        Assert.Contains(cases, c => all.Count(c.Keeps) is > 0 and < 210);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Every_sort_both_ways_pages_through_every_member_once_in_order_of_its_key_then_id(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await SeedAsync(server);
        var all = await ReadAllAsync(server, "");
        var keys = new Dictionary<string, Func<JsonObject, IComparable?>>
        {
            ["id"] = _ => 0,
            ["lastPurchase"] = i => i["lastPurchaseAt"] is { } l ? DateOnly.FromDateTime(Value<DateTimeOffset>(l).UtcDateTime) : null,
            ["orders"] = i => Value<int>(i["orders"]) is var o && o > 0 ? o : null,
            ["spend"] = i => Value<int>(i["orders"]) > 0 ? Value<decimal>(i["spend"]) : null,
            ["clv"] = i => Value<int>(i["orders"]) > 0 ? Value<double>(i["clv"]) : null,
            ["pAlive"] = i => Value<int>(i["orders"]) > 0 ? Value<double>(i["pAlive"]) : null,
            ["points"] = i => Value<long>(i["points"]),
        };

        foreach (var (name, key) in keys)
        {
            // Members with no figure for the key (never bought) come first ascending, last descending, by id.
            var ascending = all.OrderBy(i => key(i) is null ? 0 : 1).ThenBy(i => key(i)).ThenBy(i => Value<string>(i["id"]), StringComparer.Ordinal).ToList();
            var paged = await ReadAllAsync(server, $"segment=&sort={name}", limit: 7);
            var pagedDown = await ReadAllAsync(server, $"sort=-{name}", limit: 9);

            Assert.True(Ids(ascending).SequenceEqual(Ids(paged)), $"sort={name}: {string.Join(' ', Ids(paged))}");
            Assert.True(Ids(ascending).AsEnumerable().Reverse().SequenceEqual(Ids(pagedDown)), $"sort=-{name}: {string.Join(' ', Ids(pagedDown))}");
        }
        var filtered = await ReadAllAsync(server, "emailConsent=true&sort=-clv", limit: 4);
        Assert.Equal(Ids(all.Where(i => i["clv"] is not null && Value<string>(i["id"]) is var id && int.Parse(id[2..], CultureInfo.InvariantCulture) % 3 == 0)
            .OrderByDescending(i => Value<double>(i["clv"])).ThenByDescending(i => Value<string>(i["id"]), StringComparer.Ordinal)
            .Concat(all.Where(i => i["clv"] is null && int.Parse(Value<string>(i["id"])[2..], CultureInfo.InvariantCulture) % 3 == 0)
                .OrderByDescending(i => Value<string>(i["id"]), StringComparer.Ordinal))), Ids(filtered));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Asking_for_csv_streams_the_whole_match_with_quoted_fields(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await SeedAsync(server);
        var expected = await ReadAllAsync(server, "emailConsent=true&sort=-spend");

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/members?emailConsent=true&sort=-spend&limit=2");
        request.Headers.Add("Accept", "text/csv");
        var response = await server.Admin.SendAsync(request);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,name,email,tier,segment,stage,pAlive,clv,orders,spend,lastPurchaseAt,points,memberSince", lines[0]);
        Assert.Equal(Ids(expected), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("m-201,\"Never, \"\"Bought\"\" 201\",m-201@example.com,", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Unknown_filters_sorts_segments_and_bad_values_are_a_422_naming_each(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await server.PurchaseAsync("ann", "a-1", 20m);
        var byClv = await ExpectAsync(await server.Admin.GetAsync("/v1/members?sort=clv&limit=1"), 200);
        await server.PurchaseAsync("bob", "b-1", 20m);
        var cursor = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members?sort=points&limit=1"), 200))["nextCursor"]);

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?colour=red"), 422, "colour");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?sort=age"), 422, "sort");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?sort=--id"), 422, "sort");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?segment=vips"), 422, "segment");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?stage=gold"), 422, "stage");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?minPAlive=1.5"), 422, "minPAlive");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?minPAlive=0.8&maxPAlive=0.2"), 422, "maxPAlive");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?minClv=lots"), 422, "minClv");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?lastPurchaseBefore=2026-13-01"), 422, "lastPurchaseBefore");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?lastPurchaseAfter=yesterday"), 422, "lastPurchaseAfter");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?minOrders=-1"), 422, "minOrders");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?emailConsent=yes"), 422, "emailConsent");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?rfmR=6"), 422, "rfmR");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?tier=a&tier=b"), 422, "tier");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?savedSegment=nobody-saved-this"), 422, "savedSegment");
        await ExpectProblemAsync(await server.Admin.GetAsync($"/v1/members?sort=-points&cursor={cursor}"), 422, "cursor");
        var both = await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?colour=red&stage=gold"), 422, "colour");
        Assert.True(both["errors"]!.AsObject().ContainsKey("stage"));
        Assert.Single(byClv["items"]!.AsArray());
        Assert.Equal(2, Value<long>((await ExpectAsync(await server.Admin.GetAsync($"/v1/members?sort=points&cursor={cursor}"), 200))["total"]));
    }
}
