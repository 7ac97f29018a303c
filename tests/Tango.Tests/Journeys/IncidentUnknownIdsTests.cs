using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class IncidentUnknownIdsTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_incident_tells_the_members_it_finds_and_answers_the_member_and_order_ids_that_match_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ann");
        await server.JoinAsync("bo");
        await server.JoinAsync("gone");
        await server.BuyAsync("bo", "#1001/7");
        await ExpectAsync(await server.Admin.DeleteAsync("/v1/members/gone"), 204);

        var created = await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json("""
            {"title":"Late","message":"Sorry","channels":["inbox"],
             "affected":{"memberIds":["ann","anne","gone"],"orderIds":["#1001/7","#404"]}}
            """)), 201);
        var report = await ExpectAsync(await server.Admin.GetAsync($"/v1/incidents/{Value<string>(created["incidentId"])}"), 200);

        Assert.Equal(2, Value<int>(created["notified"]));
        Assert.Equal(["anne", "gone"], created["unknownMemberIds"]!.AsArray().Select(Value<string>));
        Assert.Equal(["#404"], created["unknownOrderIds"]!.AsArray().Select(Value<string>));
        Assert.Equal(["ann", "bo"], report["recipients"]!.AsArray().Select(r => Value<string>(r!["memberId"])));
        Assert.Equal(["anne", "gone"], report["unknownMemberIds"]!.AsArray().Select(Value<string>));
        Assert.Equal(["#404"], report["unknownOrderIds"]!.AsArray().Select(Value<string>));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_incident_whose_ids_all_match_answers_empty_lists_of_unknown_ids(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("cy");

        var created = await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json("""
            {"title":"Late","message":"Sorry","channels":["inbox"],"affected":{"memberIds":["cy"]}}
            """)), 201);

        Assert.Equal(1, Value<int>(created["notified"]));
        Assert.Empty(created["unknownMemberIds"]!.AsArray());
        Assert.Empty(created["unknownOrderIds"]!.AsArray());
    }
}
