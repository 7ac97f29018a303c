using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Members;

public sealed class TimelineTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_timeline_tells_every_kind_of_thing_that_happened_newest_first_with_its_fields(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var coupon = await TimelineStory.WriteAsync(server);

        var items = await TimelineStory.ItemsAsync(server);

        var ats = items.Select(i => DateTimeOffset.Parse(Value<string>(i!["at"]), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ats.OrderByDescending(a => a), ats);
        Assert.Equal(
            ["badge", "coupon", "insider", "marker", "message", "order", "points", "redemption", "referral", "refund", "survey", "ticket", "tier"],
            items.Select(i => Value<string>(i!["kind"])).Distinct().Order(StringComparer.Ordinal));

        var order = Single(items, "order");
        Assert.Equal(TimelineStory.Order, Value<string>(order["refs"]!["orderId"]));
        Assert.Equal(120m, Value<decimal>(order["refs"]!["total"]));
        Assert.Equal(20m, Value<decimal>(order["refs"]!["refunded"]));
        Assert.Contains(TimelineStory.Order, Value<string>(order["title"]), StringComparison.Ordinal);
        var lines = order["lines"]!.AsArray();
        Assert.Equal(["beans", "grinder"], lines.Select(l => Value<string>(l!["sku"])));
        Assert.Equal("coffee", Value<string>(lines[0]!["category"]));
        Assert.Equal(2m, Value<decimal>(lines[0]!["quantity"]));
        Assert.Equal(100m, Value<decimal>(lines[1]!["unitPrice"]));

        var refund = Single(items, "refund");
        Assert.Equal(TimelineStory.Order, Value<string>(refund["refs"]!["orderId"]));
        Assert.Equal(20m, Value<decimal>(refund["refs"]!["amount"]));

        var points = items.Where(i => Kind(i) == "points").ToList();
        Assert.Contains(points, p => Value<long>(p!["refs"]!["amount"]) == 120 && Value<string>(p["refs"]!["orderId"]) == TimelineStory.Order
            && Value<string>(p["detail"]).Length > 0);
        Assert.Contains(points, p => Value<long>(p!["refs"]!["amount"]) == -50 && p["refs"]!["redemptionId"] is not null);

        var redemption = Single(items, "redemption");
        Assert.Equal("free-coffee", Value<string>(redemption["refs"]!["rewardId"]));
        Assert.Equal(coupon, Value<string>(redemption["refs"]!["couponCode"]));

        var code = Single(items, "coupon");
        Assert.Equal(coupon, Value<string>(code["refs"]!["code"]));
        Assert.Equal("active", Value<string>(code["refs"]!["state"]));

        var tier = Single(items, "tier");
        Assert.Equal("silver", Value<string>(tier["refs"]!["to"]));

        var message = Single(items, "message");
        Assert.Equal(TimelineStory.IncidentTitle, Value<string>(message["title"]));
        Assert.Contains(TimelineStory.IncidentMessage, Value<string>(message["detail"]), StringComparison.Ordinal);
        Assert.Equal("inbox", Value<string>(message["refs"]!["channel"]));

        var ticket = Single(items, "ticket");
        Assert.Contains("without its lid", Value<string>(ticket["title"]), StringComparison.Ordinal);
        Assert.Equal(TimelineStory.Order, Value<string>(ticket["refs"]!["orderId"]));

        var survey = Single(items, "survey");
        Assert.Equal(9, Value<int>(survey["refs"]!["score"]));
        Assert.Equal("Great beans, slow delivery", Value<string>(survey["detail"]));

        var referrals = items.Where(i => Kind(i) == "referral").ToList();
        Assert.Contains(referrals, r => Value<string>(r!["refs"]!["direction"]) == "invitedBy" && Value<string>(r["refs"]!["referrerId"]) == "zed");
        Assert.Contains(referrals, r => Value<string>(r!["refs"]!["direction"]) == "invited" && Value<string>(r["refs"]!["friendId"]) == "bob");

        Assert.Equal("welcome", Value<string>(Single(items, "badge")["refs"]!["badge"]));
        var insiders = items.Where(i => Kind(i) == "insider").ToList();
        Assert.Contains(insiders, i => i!["refs"]!["feedbackId"] is not null && Value<string>(i["detail"]) == "Grinds evenly, a bit loud");
        Assert.Contains(insiders, i => i!["refs"]!["feedbackId"] is null && Value<string>(i["refs"]!["groupKey"]) == "grinder-beta");
        Assert.Equal("Has a beagle called Otto", Value<string>(Single(items, "marker")["title"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Kinds_narrow_the_timeline_to_those_kinds(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await TimelineStory.WriteAsync(server);

        var items = await TimelineStory.ItemsAsync(server, "kinds=order,%20coupon&kinds=message");

        Assert.Equal(["coupon", "message", "order"], items.Select(Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(3, items.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Paging_with_the_cursor_returns_every_item_once_in_the_same_order(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await TimelineStory.WriteAsync(server);
        // Items at one instant (the purchase's order, points, tier and badge) must page apart by kind and id.
        for (var i = 0; i < 7; i++)
        {
            await ExpectAsync(await server.Admin.PostAsync($"/v1/members/{TimelineStory.Member}/markers", Json($$"""{"text":"Note {{i}}"}""")), 201);
        }
        var whole = await TimelineStory.ItemsAsync(server);

        var paged = new List<JsonNode?>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ExpectAsync(await server.Admin.GetAsync(
                $"/v1/members/{TimelineStory.Member}/timeline?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}"), 200);
            paged.AddRange(page["items"]!.AsArray().Select(n => n?.DeepClone()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.True(whole.Count > 20, $"only {whole.Count} items");
        Assert.Equal(whole.Select(i => i!.ToJsonString()), paged.Select(i => i!.ToJsonString()));
        Assert.Equal((whole.Count + 2) / 3, pages);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_kind_or_cursor_is_a_422_naming_it_and_an_unknown_member_a_404(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        var kind = await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann/timeline?kinds=order,purchases"), 422, "kinds");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann/timeline?cursor=bm90LWEtY3Vyc29y"), 422, "cursor");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann/timeline?limit=0"), 422, "limit");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/nobody/timeline"), 404);

        Assert.Contains("'purchases'", Value<string>(kind["errors"]!["kinds"]![0]), StringComparison.Ordinal);
        var empty = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/timeline"), 200);
        Assert.Empty(empty["items"]!.AsArray());
        Assert.Null(empty["nextCursor"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_is_a_member_since_their_first_event_not_since_the_import_created_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PostEventAsync("""
            {"type":"purchase","memberId":"imported","occurredAt":"2010-12-01T08:26:00Z","data":{"orderId":"536365","total":15.3}}
            """, "imp-1"), 200);
        await ExpectAsync(await server.PostEventAsync("""
            {"type":"purchase","memberId":"imported","occurredAt":"2011-03-01T10:00:00Z","data":{"orderId":"536999","total":20}}
            """, "imp-2"), 200);
        await server.EnrolAsync("fresh");

        var imported = await ExpectAsync(await server.Admin.GetAsync("/v1/members/imported/profile"), 200);
        var fresh = await ExpectAsync(await server.Admin.GetAsync("/v1/members/fresh/profile"), 200);

        Assert.Equal("2010-12-01T08:26:00Z", Value<string>(imported["memberSince"]));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(imported["member"]!["createdAt"]));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(fresh["memberSince"]));
    }

    private static string Kind(JsonNode? item) => Value<string>(item!["kind"]);

    private static JsonNode Single(JsonArray items, string kind) => Assert.Single(items, i => Kind(i) == kind)!;
}

public sealed class TimelineOfALongHistoryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// An imported customer: 1,500 purchases over four years, most of whose points have expired since, so thousands of
    /// ledger lines. Paging through the whole story returns each line once. The times are written to the test output
    /// for a look, not asserted: speed is measured by benchmarks, not by timed tests.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_customer_with_thousands_of_ledger_lines_pages_through_every_item_once(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},"expiry":{"months":12}}"""), 200);
        var first = Start.AddDays(-4 * 365);
        var events = Enumerable.Range(0, 1500).Select(i =>
            $$$"""{"idempotencyKey":"imp-{{{i}}}","type":"purchase","memberId":"old","occurredAt":"{{{first.AddHours(i * 23):yyyy-MM-ddTHH:mm:ssZ}}}","data":{"orderId":"INV-{{{i}}}","total":{{{10 + i % 40}}}}}""");
        await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json("[" + string.Join(",", events) + "]")), 200);
        await server.RunMaintenanceAsync();

        await ExpectAsync(await server.Admin.GetAsync("/v1/members/old/timeline?limit=50"), 200); // warm the connection pool
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var firstPage = await ExpectAsync(await server.Admin.GetAsync("/v1/members/old/timeline?limit=50"), 200);
        var firstPageTime = clock.Elapsed;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        var ledgerLines = 0;
        string? cursor = null;
        clock.Restart();
        do
        {
            var page = await ExpectAsync(await server.Admin.GetAsync($"/v1/members/old/timeline?limit=500{(cursor is null ? "" : "&cursor=" + cursor)}"), 200);
            foreach (var item in page["items"]!.AsArray())
            {
                count++;
                ledgerLines += Value<string>(item!["kind"]) == "points" ? 1 : 0;
                seen.Add(item!.ToJsonString());
            }
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        output.WriteLine($"{store}: {count} items ({ledgerLines} ledger lines); first page of 50 in {firstPageTime.TotalMilliseconds:F0} ms; all in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(50, firstPage["items"]!.AsArray().Count);
        Assert.True(ledgerLines > 2500, $"{ledgerLines} ledger lines");
        Assert.Equal(count, seen.Count);
    }
}
