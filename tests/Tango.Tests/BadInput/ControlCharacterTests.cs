using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// Control characters other than tab, CR and LF are refused in every JSON string and query value: the same 422
/// naming the field on both stores (PostgreSQL cannot store U+0000 at all), and nothing is stored.
/// </summary>
public sealed class ControlCharacterTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_nul_in_a_member_name_or_email_is_a_422_naming_each_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var created = await server.Admin.PostAsync("/v1/members", Json("""{"id":"ann","name":"Ann\u0000Lee","email":"ann\u0000@example.com"}"""));
        var otherControl = await server.Admin.PostAsync("/v1/members", Json("""{"id":"ann","name":"Ann\u001bLee"}"""));

        var problem = await ExpectProblemAsync(created, 422, "name");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("email"));
        await ExpectProblemAsync(otherControl, 422, "name");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_nul_in_a_patch_a_marker_or_an_adjustment_reason_is_a_422_and_changes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        await server.PurchaseAsync("ann", "o-1", 50);

        var patch = await server.Admin.PatchAsync("/v1/members/ann", Json("""{"name":"Ann\u0000"}"""));
        var marker = await server.Admin.PostAsync("/v1/members/ann/markers", Json("""{"text":"Likes \u0000 dogs"}"""));
        var adjustment = await server.Admin.PostAsync("/v1/members/ann/adjustments", Json("""{"points":5,"reason":"goodwill\u0000"}"""));

        await ExpectProblemAsync(patch, 422, "name");
        await ExpectProblemAsync(marker, 422, "text");
        await ExpectProblemAsync(adjustment, 422, "reason");
        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann"), 200);
        Assert.Null(member["name"]);
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/markers"), 200))["items"]!.AsArray());
        Assert.Equal(50, Value<long>((await server.BalanceAsync("ann"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Tabs_and_line_breaks_stay_allowed_in_text(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        var marker = await server.Admin.PostAsync("/v1/members/ann/markers", Json("""{"text":"Dog:\tbeagle\r\nTeam:\tcity"}"""));

        Assert.Equal("Dog:\tbeagle\r\nTeam:\tcity", Value<string>((await ExpectAsync(marker, 201))["text"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_nul_in_the_q_segment_or_tier_query_value_is_a_422_naming_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?q=an%00n"), 422, "q");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?segment=%00"), 422, "segment");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members?tier=gold%01"), 422, "tier");
        await ExpectAsync(await server.Admin.GetAsync("/v1/members?q=ann"), 200);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_nul_in_a_custom_events_data_is_a_422_naming_its_path(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.PostEventAsync("""{"type":"custom.visit","memberId":"ann","data":{"notes":["ok","bad\u0000"]}}""");

        await ExpectProblemAsync(response, 422, "data.notes[1]");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann"), 404);
    }
}
