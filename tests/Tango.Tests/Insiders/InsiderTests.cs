using Tango.Tests.Harness;
using Tango.Tests.Shared;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Insiders;

public sealed class InsiderTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Gold_members_and_one_named_by_hand_are_invited_and_the_feedback_of_those_who_accepted_shows_on_their_profile(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        Assert.Equal(200, (int)(await server.PutProgramAsync(ApiExampleProgram.Json)).StatusCode);
        await server.PurchaseAsync("gia", "g-1", 1600m); // gold
        await server.PurchaseAsync("gus", "g-2", 1500m); // gold
        await server.PurchaseAsync("sam", "s-1", 600m);  // silver
        await server.PurchaseAsync("bea", "b-1", 10m);   // bronze
        await ExpectAsync(await server.Admin.PutAsync("/v1/insiders/grinder-beta", Json(
            """{"name":"Grinder beta","description":"Try our new grinder before anyone else"}""")), 201);

        var invited = await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/invitations", Json(
            """{"tiers":["gold"],"memberIds":["bea","gia"]}""")), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/invitations/gia/accept", null), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/invitations/bea/accept", null), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/invitations/gus/decline", null), 200);
        var feedback = await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/feedback", Json(
            """{"memberId":"gia","text":"Grinds evenly, a bit loud","rating":4}""")), 201);
        var fromDecliner = await server.Admin.PostAsync("/v1/insiders/grinder-beta/feedback", Json("""{"memberId":"gus","text":"Meh"}"""));
        var fromStranger = await server.Admin.PostAsync("/v1/insiders/grinder-beta/feedback", Json("""{"memberId":"sam","text":"?"}"""));

        Assert.Equal(3, Value<int>(invited["invited"])); // bea and gia by hand, gus by tier
        var group = await ExpectAsync(await server.Admin.GetAsync("/v1/insiders/grinder-beta"), 200);
        Assert.Equal(3, Value<long>(group["counts"]!["invited"]));
        Assert.Equal(2, Value<long>(group["counts"]!["accepted"]));
        Assert.Equal(1, Value<long>(group["counts"]!["declined"]));
        Assert.Equal(1, Value<long>(group["counts"]!["feedback"]));
        Assert.Equal(0.6667, Value<double>(group["counts"]!["acceptanceRate"]));
        await ExpectProblemAsync(fromDecliner, 409);
        await ExpectProblemAsync(fromStranger, 409);
        var profile = await ExpectAsync(await server.Admin.GetAsync("/v1/members/gia/profile"), 200);
        var part = Assert.Single(profile["insiders"]!.AsArray())!;
        Assert.Equal("accepted", Value<string>(part["status"]));
        Assert.Equal("Grinds evenly, a bit loud", Value<string>(Assert.Single(part["feedback"]!.AsArray())!["text"]));
        Assert.Equal(Value<string>(feedback["feedbackId"]), Value<string>(Assert.Single(part["feedback"]!.AsArray())!["feedbackId"]));
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/members/sam/profile"), 200))["insiders"]!.AsArray());
        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/gia/export"), 200);
        Assert.Single(export["insiders"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_invitation_naming_an_unknown_member_or_tier_is_refused_field_by_field_and_invites_nobody(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        Assert.Equal(200, (int)(await server.PutProgramAsync(ApiExampleProgram.Json)).StatusCode);
        await server.EnrolAsync("ann");
        await ExpectAsync(await server.Admin.PutAsync("/v1/insiders/beta", Json("""{"name":"Beta"}""")), 201);

        var badTier = await server.Admin.PostAsync("/v1/insiders/beta/invitations", Json("""{"memberIds":["ann"],"tiers":["platinum"],"segments":["sleepy"]}"""));
        var unknown = await server.Admin.PostAsync("/v1/insiders/beta/invitations", Json("""{"memberIds":["ann","nobody"]}"""));
        var badGroup = await server.Admin.PutAsync("/v1/insiders/beta", Json("""{"name":"","status":"paused"}"""));

        var tierProblem = await ExpectProblemAsync(badTier, 422, "tiers[0]");
        Assert.True(tierProblem["errors"]!.AsObject().ContainsKey("segments[0]"));
        await ExpectProblemAsync(unknown, 422, "memberIds[1]");
        var groupProblem = await ExpectProblemAsync(badGroup, 422, "name");
        Assert.True(groupProblem["errors"]!.AsObject().ContainsKey("status"));
        var group = await ExpectAsync(await server.Admin.GetAsync("/v1/insiders/beta"), 200);
        Assert.Equal(0, Value<long>(group["counts"]!["invited"]));
        Assert.Equal("Beta", Value<string>(group["name"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_closed_group_takes_no_invitations_and_an_erased_member_leaves_no_feedback_behind(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        await server.EnrolAsync("bob");
        await ExpectAsync(await server.Admin.PutAsync("/v1/insiders/beta", Json("""{"name":"Beta"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/beta/invitations", Json("""{"memberIds":["ann"]}""")), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/beta/invitations/ann/accept", null), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/beta/feedback", Json("""{"memberId":"ann","text":"Love it"}""")), 201);
        await ExpectAsync(await server.Admin.PutAsync("/v1/insiders/beta", Json("""{"name":"Beta","status":"closed"}""")), 200);

        var late = await server.Admin.PostAsync("/v1/insiders/beta/invitations", Json("""{"memberIds":["bob"]}"""));
        Assert.Equal(204, (int)(await server.Admin.DeleteAsync("/v1/members/ann")).StatusCode);

        await ExpectProblemAsync(late, 409);
        var feedback = await ExpectAsync(await server.Admin.GetAsync("/v1/insiders/beta/feedback"), 200);
        Assert.Empty(feedback["items"]!.AsArray());
        Assert.Equal(0, Value<long>((await ExpectAsync(await server.Admin.GetAsync("/v1/insiders/beta"), 200))["counts"]!["invited"]));
    }
}
