using Tango.Store.Tenants;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Members.ExplorerFixture;

namespace Tango.Tests.Members;

public sealed class SavedSegmentTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_saved_segment_is_created_replaced_counted_listed_used_as_a_filter_and_deleted(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        await SeedAsync(server);
        var lapsing = await ReadAllAsync(server, "stage=lapsing&emailConsent=true");
        var lapsingGold = await ReadAllAsync(server, "stage=lapsing&emailConsent=true&tier=gold");

        var created = await server.Admin.PutAsync("/v1/segments/win-back", Json("""{"name":"Win back","filter":{"stage":"lapsing","emailConsent":true}}"""));
        var replaced = await server.Admin.PutAsync("/v1/segments/win-back", Json("""{"name":"Win back by mail","filter":{"stage":"lapsing","emailConsent":"true","minOrders":0}}"""));
        await ExpectAsync(await server.Admin.PutAsync("/v1/segments/all", Json("""{"name":"Everyone","filter":{}}""")), 201);
        var one = await ExpectAsync(await server.Admin.GetAsync("/v1/segments/win-back"), 200);
        var list = await ExpectAsync(await server.Admin.GetAsync("/v1/segments"), 200);
        var members = await ReadAllAsync(server, "savedSegment=win-back");
        var narrowed = await ReadAllAsync(server, "savedSegment=win-back&tier=gold");
        var everyone = await ExpectAsync(await server.Admin.GetAsync("/v1/segments/all"), 200);

        Assert.Equal("true", Value<string>((await ExpectAsync(created, 201))["filter"]!["emailConsent"]));
        var again = await ExpectAsync(replaced, 200);
        Assert.Equal("Win back by mail", Value<string>(again["name"]));
        Assert.Equal("lapsing", Value<string>(one["filter"]!["stage"]));
        Assert.Equal("true", Value<string>(one["filter"]!["emailConsent"]));
        Assert.Equal(lapsing.Count, Value<long>(one["count"]));
        Assert.Equal(210, Value<long>(everyone["count"]));
        Assert.True(lapsing.Count > 0);
        Assert.Equal(["all", "win-back"], list["items"]!.AsArray().Select(s => Value<string>(s!["key"])));
        Assert.Equal(Ids(lapsing), Ids(members));
        Assert.Equal(Ids(lapsingGold), Ids(narrowed));

        Assert.Equal(204, (int)(await server.Admin.DeleteAsync("/v1/segments/win-back")).StatusCode);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/segments/win-back"), 404);
        await ExpectProblemAsync(await server.Admin.DeleteAsync("/v1/segments/win-back"), 404);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?savedSegment=win-back"), 422, "savedSegment");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_segment_with_a_bad_filter_name_or_key_is_a_422_naming_it_and_nothing_is_saved(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, Today);
        var reader = server.Client(await server.CreateKeyAsync("default", Role.Read));

        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{"colour":"red"}}""")), 422, "filter.colour");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{"segment":"vips"}}""")), 422, "filter.segment");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{"minPAlive":2}}""")), 422, "filter.minPAlive");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{"lastPurchaseAfter":"soon"}}""")), 422, "filter.lastPurchaseAfter");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{"sort":"-clv"}}""")), 422, "filter.sort");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{"tier":["a"]}}""")), 422, "filter.tier");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"filter":{}}""")), 422, "name");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{},"colour":1}""")), 422, "colour");
        await ExpectProblemAsync(await server.Admin.PutAsync("/v1/segments/bad%20key", Json("""{"name":"S","filter":{}}""")), 422, "key");
        Assert.Equal(403, (int)(await reader.PutAsync("/v1/segments/s", Json("""{"name":"S","filter":{}}"""))).StatusCode);

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/segments/s"), 404);
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/segments"), 200))["items"]!.AsArray());
    }
}
