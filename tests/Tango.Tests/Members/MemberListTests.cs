using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Members;

public sealed class MemberListTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_list_filters_by_tier(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
             "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":100}]}
            """), 200);
        await server.PurchaseAsync("amy", "o-1", 150m);
        await server.PurchaseAsync("ben", "o-2", 10m);
        await server.PurchaseAsync("cat", "o-3", 100m);
        await server.EnrolAsync("dex");

        var silver = await ListIdsAsync(server, "/v1/members?tier=silver");
        var bronze = await ListIdsAsync(server, "/v1/members?tier=bronze");
        var gold = await ListIdsAsync(server, "/v1/members?tier=gold");
        var all = await ListIdsAsync(server, "/v1/members");

        Assert.Equal(["amy", "cat"], silver);
        Assert.Equal(["ben"], bronze);
        Assert.Empty(gold);
        Assert.Equal(["amy", "ben", "cat", "dex"], all);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_query_matches_id_email_and_name_ignoring_case(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"c-1","name":"Zoe Quartz"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"c-2","email":"quartz.fan@example.com"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"quartz-3"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"c-4","name":"Max Mustermann","email":"max@example.com"}""")), 201);

        Assert.Equal(["c-1", "c-2", "quartz-3"], await ListIdsAsync(server, "/v1/members?q=QUARTZ"));
        Assert.Equal(["c-4"], await ListIdsAsync(server, "/v1/members?q=muster"));
        Assert.Empty(await ListIdsAsync(server, "/v1/members?q=nobody-has-this"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_query_takes_underscore_percent_and_backslash_literally(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        foreach (var id in new[] { "x_y", "x1y", "xy" })
        {
            await server.EnrolAsync(id);
        }
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"pct","name":"100% Arabica"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"pc2","name":"1000 Arabica"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"bsl","name":"back\\slash"}""")), 201);

        Assert.Equal(["x_y"], await ListIdsAsync(server, "/v1/members?q=x_y"));
        Assert.Equal(["pct"], await ListIdsAsync(server, "/v1/members?q=0%25%20a"));
        Assert.Equal(["bsl"], await ListIdsAsync(server, "/v1/members?q=k%5Cs"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Paging_with_limit_and_cursor_visits_every_member_once_and_the_last_page_has_no_next_cursor(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        foreach (var id in new[] { "p-3", "p-1", "p-5", "p-2", "p-4" })
        {
            await server.EnrolAsync(id);
        }

        var pages = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await ExpectAsync(await server.Admin.GetAsync("/v1/members?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)), 200);
            pages.Add(page);
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p["items"]!.AsArray().Count));
        Assert.Equal(["p-1", "p-2", "p-3", "p-4", "p-5"], pages.SelectMany(p => p["items"]!.AsArray()).Select(m => Value<string>(m!["id"])));
        Assert.True(pages[^1].ContainsKey("nextCursor"));
        Assert.Null(pages[^1]["nextCursor"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_list_answers_50_by_default_and_a_page_that_fits_exactly_has_no_next_cursor(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var batch = new JsonArray(Enumerable.Range(1, 53).Select(i => (JsonNode)new JsonObject
        {
            ["idempotencyKey"] = $"k-{i}",
            ["type"] = "custom.visit",
            ["memberId"] = $"m-{i:D3}",
            ["data"] = new JsonObject(),
        }).ToArray());
        await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(batch.ToJsonString())), 200);

        var first = await ExpectAsync(await server.Admin.GetAsync("/v1/members"), 200);
        var second = await ExpectAsync(await server.Admin.GetAsync("/v1/members?cursor=" + Value<string>(first["nextCursor"])), 200);
        var exact = await ExpectAsync(await server.Admin.GetAsync("/v1/members?limit=53"), 200);

        Assert.Equal(50, first["items"]!.AsArray().Count);
        Assert.Equal(["m-051", "m-052", "m-053"], second["items"]!.AsArray().Select(m => Value<string>(m!["id"])));
        Assert.Null(second["nextCursor"]);
        Assert.Equal(53, exact["items"]!.AsArray().Count);
        Assert.Null(exact["nextCursor"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_limit_out_of_range_or_a_forged_cursor_is_a_422_naming_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("x");

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?limit=0"), 422, "limit");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?limit=501"), 422, "limit");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?limit=ten"), 422, "limit");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?cursor=!!not-base64!!"), 422, "cursor");
        Assert.Single((await ExpectAsync(await server.Admin.GetAsync("/v1/members?limit=500"), 200))["items"]!.AsArray());
    }

    private static async Task<List<string>> ListIdsAsync(TangoServer server, string url)
    {
        var page = await ExpectAsync(await server.Admin.GetAsync(url), 200);
        return page["items"]!.AsArray().Select(m => Value<string>(m!["id"])).ToList();
    }
}
