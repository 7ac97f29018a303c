using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Members;

public sealed class MarkerTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_marker_is_added_with_201_listed_and_removed(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ivy");

        var added = await ExpectAsync(await server.Admin.PostAsync("/v1/members/ivy/markers",
            Json("""{"text":"  Training for the Berlin marathon ","kind":"hobby","remindOn":"2027-09-26"}""")), 201);
        var markerId = Value<string>(added["markerId"]);
        var listed = await ListAsync(server, "ivy");
        var removed = await server.Admin.DeleteAsync($"/v1/members/ivy/markers/{markerId}");
        var afterRemoval = await ListAsync(server, "ivy");
        var removedAgain = await server.Admin.DeleteAsync($"/v1/members/ivy/markers/{markerId}");

        Assert.False(string.IsNullOrEmpty(markerId));
        Assert.Equal("Training for the Berlin marathon", Value<string>(added["text"]));
        Assert.Equal("hobby", Value<string>(added["kind"]));
        Assert.Equal("2027-09-26", Value<string>(added["remindOn"]));
        Assert.Equal(0, Value<int>(added["raisedCount"]));
        var only = Assert.Single(listed);
        Assert.Equal(markerId, Value<string>(only!["markerId"]));
        Assert.Equal(204, (int)removed.StatusCode);
        Assert.Empty(afterRemoval);
        await ExpectProblemAsync(removedAgain, 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Raising_a_marker_counts_it_and_stamps_the_time(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("jo");
        var markerId = await AddAsync(server, "jo", "Daughter starts school in September");
        server.Clock.Advance(TimeSpan.FromHours(1));

        var first = await ExpectAsync(await server.Admin.PostAsync($"/v1/members/jo/markers/{markerId}/raised", null), 200);
        server.Clock.Advance(TimeSpan.FromHours(1));
        var second = await ExpectAsync(await server.Admin.PostAsync($"/v1/members/jo/markers/{markerId}/raised", null), 200);

        Assert.Equal(1, Value<int>(first["raisedCount"]));
        Assert.Equal("2026-11-23T11:00:00Z", Value<string>(first["lastRaisedAt"]));
        Assert.Equal(2, Value<int>(second["raisedCount"]));
        Assert.Equal("2026-11-23T12:00:00Z", Value<string>(second["lastRaisedAt"]));
        Assert.Equal(2, Value<int>(Assert.Single(await ListAsync(server, "jo"))!["raisedCount"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_profile_proposes_the_marker_never_raised_and_then_the_one_raised_longest_ago(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("kim");
        var a = await AddAsync(server, "kim", "Has a beagle called Otto");
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await AddAsync(server, "kim", "Prefers oat milk");

        var proposedFirst = await MarkerToRaiseAsync(server, "kim");
        server.Clock.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(await server.Admin.PostAsync($"/v1/members/kim/markers/{a}/raised", null), 200);
        var afterA = await MarkerToRaiseAsync(server, "kim");
        server.Clock.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(await server.Admin.PostAsync($"/v1/members/kim/markers/{b}/raised", null), 200);
        var afterB = await MarkerToRaiseAsync(server, "kim");
        server.Clock.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(await server.Admin.PostAsync($"/v1/members/kim/markers/{a}/raised", null), 200);
        var afterAAgain = await MarkerToRaiseAsync(server, "kim");

        Assert.Equal(a, proposedFirst);
        Assert.Equal(b, afterA);
        Assert.Equal(a, afterB);
        Assert.Equal(b, afterAAgain);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_new_marker_is_proposed_before_markers_already_raised(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("lou");
        var old = await AddAsync(server, "lou", "Collects vinyl");
        await ExpectAsync(await server.Admin.PostAsync($"/v1/members/lou/markers/{old}/raised", null), 200);
        server.Clock.Advance(TimeSpan.FromDays(30));

        var fresh = await AddAsync(server, "lou", "Just moved to Hamburg");

        Assert.Equal(fresh, await MarkerToRaiseAsync(server, "lou"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_profile_shows_the_member_balance_and_activity_with_money_as_money_and_no_marker_when_there_is_none(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1},"cashback":{"percent":2}}"""), 200);
        await server.PurchaseAsync("max", "o-1", 25m);

        var profile = await ExpectAsync(await server.Admin.GetAsync("/v1/members/max/profile"), 200);

        Assert.Equal("max", Value<string>(profile["member"]!["id"]));
        Assert.Equal(25, Value<long>(profile["balance"]!["points"]));
        Assert.Equal(0.5m, Value<decimal>(profile["balance"]!["wallet"]));
        Assert.Null(profile["markerToRaise"]);
        var activity = profile["recentActivity"]!.AsArray().Select(a => Value<string>(a!["summary"])).ToList();
        Assert.Contains(activity, a => a.StartsWith("+25 points", StringComparison.Ordinal));
        Assert.Contains(activity, a => a.StartsWith("+0.50 EUR wallet", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Markers_of_an_unknown_member_or_an_unknown_marker_are_404(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ned");
        var theirs = await AddAsync(server, "ned", "Allergic to nuts");
        await server.EnrolAsync("ola");

        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/members/ghost/markers", Json("""{"text":"x"}""")), 404);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ghost/markers"), 404);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ghost/profile"), 404);
        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/members/ned/markers/mkr-nope/raised", null), 404);
        await ExpectProblemAsync(await server.Admin.PostAsync($"/v1/members/ola/markers/{theirs}/raised", null), 404);
        await ExpectProblemAsync(await server.Admin.DeleteAsync($"/v1/members/ola/markers/{theirs}"), 404);
        Assert.Equal(0, Value<int>(Assert.Single(await ListAsync(server, "ned"))!["raisedCount"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_marker_without_text_or_with_a_bad_date_is_a_422_naming_each_field_and_nothing_is_added(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("pat");

        var response = await server.Admin.PostAsync("/v1/members/pat/markers", Json("""{"text":"   ","remindOn":"next tuesday"}"""));
        var unknown = await server.Admin.PostAsync("/v1/members/pat/markers", Json("""{"text":"ok","colour":"red"}"""));

        var problem = await ExpectProblemAsync(response, 422, "text");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("remindOn"));
        await ExpectProblemAsync(unknown, 422, "colour");
        Assert.Empty(await ListAsync(server, "pat"));
    }

    private static async Task<string> AddAsync(TangoServer server, string memberId, string text)
    {
        var body = new JsonObject { ["text"] = text }.ToJsonString();
        var added = await ExpectAsync(await server.Admin.PostAsync($"/v1/members/{memberId}/markers", Json(body)), 201);
        return Value<string>(added["markerId"]);
    }

    private static async Task<JsonArray> ListAsync(TangoServer server, string memberId) =>
        (await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{memberId}/markers"), 200))["items"]!.AsArray();

    private static async Task<string?> MarkerToRaiseAsync(TangoServer server, string memberId) =>
        (await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{memberId}/profile"), 200))["markerToRaise"]?["markerId"]?.GetValue<string>();
}
