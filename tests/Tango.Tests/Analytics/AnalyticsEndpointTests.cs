using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Analytics;

public sealed class AnalyticsEndpointTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Refresh_turns_a_small_stores_purchases_into_kpis_cohorts_and_member_insights(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await server.EnrolAsync("never-bought");
        // ann: three purchase days (two orders on the first), the last one 2 days ago.
        await PurchaseAtAsync(server, "ann", "a-1", 10m, "2026-09-01T10:00:00Z");
        await PurchaseAtAsync(server, "ann", "a-2", 30m, "2026-09-01T18:00:00Z");
        await PurchaseAtAsync(server, "ann", "a-3", 20m, "2026-10-01T10:00:00Z");
        await PurchaseAtAsync(server, "ann", "a-4", 40m, "2026-11-21T10:00:00Z");
        // bob: one purchase long ago, so he has lapsed by the 90-day window.
        await PurchaseAtAsync(server, "bob", "b-1", 100m, "2026-05-01T10:00:00Z");

        var refreshed = await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        var overview = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/overview"), 200);
        var ann = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/insights"), 200);
        var bob = await ExpectAsync(await server.Admin.GetAsync("/v1/members/bob/insights"), 200);
        var never = await ExpectAsync(await server.Admin.GetAsync("/v1/members/never-bought/insights"), 200);

        Assert.Equal(2, Value<int>(refreshed["purchasers"]));
        Assert.False(Value<bool>(refreshed["modelFitted"]));
        Assert.Equal(3, Value<int>(overview["members"]));
        Assert.Equal(2, Value<int>(overview["purchasers"]));
        Assert.Equal(1, Value<int>(overview["activeMembers"]));
        Assert.Equal(5, Value<long>(overview["orders"]));
        Assert.Equal(200m, Value<decimal>(overview["revenue"]));
        Assert.Equal(0.5, Value<double>(overview["repeatPurchaseRate"]));
        Assert.Equal(40m, Value<decimal>(overview["averageOrderValue"]));
        Assert.Equal(100m, Value<decimal>(overview["historicalLtv"]));
        Assert.Equal("window", Value<string>(overview["churnBasis"]));
        Assert.Equal(0.5, Value<double>(overview["churnRate"]));
        Assert.True(Value<long>(overview["pointsLiability"]) > 0);

        Assert.Null(ann["pAlive"]);
        Assert.Equal("long-term", Value<string>(ann["loyaltyStage"])); // repeat buying, and active within the window (no model)
        // Quintile ranks over two customers: the better one beats half the population, 1 + ⌊5 · 1/2⌋.
        Assert.Equal(3, Value<int>(ann["rfm"]!["r"]));
        Assert.Equal(1, Value<int>(bob["rfm"]!["r"]));
        Assert.Equal("lapsing", Value<string>(bob["loyaltyStage"]));
        Assert.Equal("none", Value<string>(never["loyaltyStage"]));
        Assert.Null(never["rfm"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Members_are_listed_by_their_rfm_segment_and_erasure_drops_their_insights(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await PurchaseAtAsync(server, "ann", "a-1", 10m, "2026-11-01T10:00:00Z");
        await PurchaseAtAsync(server, "bob", "b-1", 10m, "2025-01-01T10:00:00Z");
        await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        var annInsights = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/insights"), 200);
        var segment = Value<string>(annInsights["rfm"]!["segment"]);

        var listed = await ExpectAsync(await server.Admin.GetAsync($"/v1/members?segment={segment}"), 200);
        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann"), 200);
        await ExpectAsync(await server.Admin.DeleteAsync("/v1/members/ann"), 204);
        var afterErase = await ExpectAsync(await server.Admin.GetAsync($"/v1/members?segment={segment}"), 200);

        Assert.Equal(["ann"], listed["items"]!.AsArray().Select(m => Value<string>(m!["id"])));
        Assert.Equal(segment, Value<string>(member["segment"]));
        Assert.Empty(afterErase["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Monthly_cohorts_count_each_customer_once_per_month_from_their_first_purchase(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await PurchaseAtAsync(server, "ann", "a-1", 10m, "2026-09-01T10:00:00Z");
        await PurchaseAtAsync(server, "ann", "a-2", 10m, "2026-09-20T10:00:00Z");
        await PurchaseAtAsync(server, "ann", "a-3", 10m, "2026-11-02T10:00:00Z");
        await PurchaseAtAsync(server, "bob", "b-1", 10m, "2026-09-15T10:00:00Z");
        await PurchaseAtAsync(server, "cid", "c-1", 10m, "2026-10-15T10:00:00Z");

        var cohorts = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/cohorts?period=month"), 200);
        var bad = await server.Admin.GetAsync("/v1/analytics/cohorts?period=fortnight");

        var rows = cohorts["cohorts"]!.AsArray();
        Assert.Equal("2026-09-01", Value<string>(rows[0]!["cohort"]));
        Assert.Equal(2, Value<int>(rows[0]!["size"]));
        Assert.Equal([2, 0, 1], rows[0]!["retention"]!.AsArray().Select(c => Value<int>(c!["customers"])));
        Assert.Equal("2026-10-01", Value<string>(rows[1]!["cohort"]));
        Assert.Equal([1, 0], rows[1]!["retention"]!.AsArray().Select(c => Value<int>(c!["customers"])));
        await ExpectProblemAsync(bad, 422, "period");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_read_key_may_read_analytics_but_only_an_admin_key_may_refresh(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        using var reader = server.Client(await server.CreateKeyAsync("default", Tango.Store.Tenants.Role.Read));

        await ExpectAsync(await reader.GetAsync("/v1/analytics/rfm"), 200);
        await ExpectProblemAsync(await reader.PostAsync("/v1/analytics:refresh", null), 403);
        await ExpectProblemAsync(await reader.GetAsync("/v1/members/nobody/insights"), 404);
    }

    private static async Task PurchaseAtAsync(TangoServer server, string member, string order, decimal total, string at)
    {
        var amount = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ExpectAsync(await server.PostEventAsync(
            $$$"""{"type":"purchase","memberId":"{{{member}}}","occurredAt":"{{{at}}}","data":{"orderId":"{{{order}}}","total":{{{amount}}}}}"""), 200);
    }
}
