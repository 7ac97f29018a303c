using Tango.Store.Tenants;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Members;

public sealed class MemberLifecycleTests
{
    private const string FullMember = """
        {"id":"ann.lee@shop:42","email":"ann@example.com","phone":"+49 30 1234567","name":"Ann Lee","birthDate":"1990-04-01",
         "timeZone":"Europe/Berlin","locale":"de-DE","referredByCode":"FRIEND-1","consent":{"email":true,"sms":false}}
        """;

    /// <summary>Creates <see cref="FullMember"/>, referred by member friend-1 (a referral code must be a member's); answers its code too.</summary>
    private static async Task<(System.Text.Json.Nodes.JsonObject Created, string Code)> CreateFullMemberAsync(TangoServer server)
    {
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"friend-1"}""")), 201);
        var code = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/friend-1/referral"), 200))["code"]);
        return (await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json(FullMember.Replace("FRIEND-1", code, StringComparison.Ordinal))), 201), code);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Creating_a_member_answers_201_with_every_field_sent_and_GET_answers_the_same(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var (created, code) = await CreateFullMemberAsync(server);
        var fetched = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann.lee@shop:42"), 200);

        Assert.Equal("ann.lee@shop:42", Value<string>(created["id"]));
        Assert.Equal("ann@example.com", Value<string>(created["email"]));
        Assert.Equal("+49 30 1234567", Value<string>(created["phone"]));
        Assert.Equal("Ann Lee", Value<string>(created["name"]));
        Assert.Equal("1990-04-01", Value<string>(created["birthDate"]));
        Assert.Equal("Europe/Berlin", Value<string>(created["timeZone"]));
        Assert.Equal("de-DE", Value<string>(created["locale"]));
        Assert.Equal(code, Value<string>(created["referredByCode"]));
        Assert.True(Value<bool>(created["consent"]!["email"]));
        Assert.False(Value<bool>(created["consent"]!["sms"]));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(created["createdAt"]));
        Assert.Equal(created.ToJsonString(), fetched.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_with_only_an_id_gets_no_consent_and_empty_personal_fields(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var created = await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"bare"}""")), 201);

        Assert.Null(created["email"]);
        Assert.Null(created["name"]);
        Assert.False(Value<bool>(created["consent"]!["email"]));
        Assert.False(Value<bool>(created["consent"]!["sms"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Creating_a_member_whose_id_exists_is_a_409_and_the_first_member_stays(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"bo","email":"first@example.com"}""")), 201);

        var again = await server.Admin.PostAsync("/v1/members", Json("""{"id":"bo","email":"second@example.com"}"""));

        await ExpectProblemAsync(again, 409);
        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/bo"), 200);
        Assert.Equal("first@example.com", Value<string>(member["email"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_member_is_a_404_problem(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/nobody"), 404);
        await ExpectProblemAsync(await server.Admin.PatchAsync("/v1/members/nobody", MergePatch("""{"name":"X"}""")), 404);
        await ExpectProblemAsync(await server.Admin.DeleteAsync("/v1/members/nobody"), 404);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/nobody/export"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_merge_patch_replaces_present_fields_clears_null_ones_and_keeps_absent_ones(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await CreateFullMemberAsync(server);
        server.Clock.Advance(TimeSpan.FromMinutes(5));

        var patched = await ExpectAsync(await server.Admin.PatchAsync("/v1/members/ann.lee@shop:42",
            MergePatch("""{"name":"Ann Smith","phone":null,"consent":{"sms":true}}""")), 200);
        var fetched = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann.lee@shop:42"), 200);

        Assert.Equal("Ann Smith", Value<string>(patched["name"]));
        Assert.Null(patched["phone"]);
        Assert.Equal("ann@example.com", Value<string>(patched["email"]));
        Assert.Equal("1990-04-01", Value<string>(patched["birthDate"]));
        Assert.Equal("Europe/Berlin", Value<string>(patched["timeZone"]));
        Assert.True(Value<bool>(patched["consent"]!["email"]));
        Assert.True(Value<bool>(patched["consent"]!["sms"]));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(patched["createdAt"]));
        Assert.Equal("2026-11-23T10:05:00Z", Value<string>(patched["updatedAt"]));
        Assert.Equal(patched.ToJsonString(), fetched.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_patch_that_repeats_the_id_is_accepted_but_one_that_changes_it_is_a_422_and_changes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"cy","name":"Cy"}""")), 201);

        var same = await server.Admin.PatchAsync("/v1/members/cy", MergePatch("""{"id":"cy","name":"Cyrus"}"""));
        var changed = await server.Admin.PatchAsync("/v1/members/cy", MergePatch("""{"id":"cy2","name":"Someone else"}"""));

        await ExpectAsync(same, 200);
        await ExpectProblemAsync(changed, 422, "id");
        Assert.Equal("Cyrus", Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/cy"), 200))["name"]));
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/cy2"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_patch_with_unknown_fields_is_a_422_naming_each_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"di","name":"Di"}""")), 201);

        var response = await server.Admin.PatchAsync("/v1/members/di",
            MergePatch("""{"name":"Diana","colour":"red","consent":{"fax":true}}"""));

        var problem = await ExpectProblemAsync(response, 422, "colour");
        Assert.Equal(["colour", "consent.fax"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Di", Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/di"), 200))["name"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_patch_with_a_malformed_value_is_a_422_naming_it_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"ed","email":"ed@example.com"}""")), 201);

        var badEmail = await server.Admin.PatchAsync("/v1/members/ed", MergePatch("""{"email":"not-an-email","name":"Ed"}"""));
        var badType = await server.Admin.PatchAsync("/v1/members/ed", MergePatch("""{"name":42}"""));
        var notAnObject = await server.Admin.PatchAsync("/v1/members/ed", MergePatch("""["name"]"""));

        await ExpectProblemAsync(badEmail, 422, "email");
        await ExpectProblemAsync(badType, 422, "name");
        await ExpectProblemAsync(notAnObject, 422);
        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ed"), 200);
        Assert.Equal("ed@example.com", Value<string>(member["email"]));
        Assert.Null(member["name"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Erasing_a_member_answers_204_then_404_and_the_ledger_still_verifies(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await CreateFullMemberAsync(server);
        await server.PurchaseAsync("ann.lee@shop:42", "o-1", 120m);
        await server.PurchaseAsync("bob", "o-2", 30m);

        var erased = await server.Admin.DeleteAsync("/v1/members/ann.lee@shop:42");

        Assert.Equal(204, (int)erased.StatusCode);
        Assert.Empty(await erased.Content.ReadAsStringAsync());
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann.lee@shop:42"), 404);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann.lee@shop:42/export"), 404);
        await ExpectProblemAsync(await server.Admin.DeleteAsync("/v1/members/ann.lee@shop:42"), 404);
        var list = await ExpectAsync(await server.Admin.GetAsync("/v1/members?q=ann"), 200);
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(30, Value<long>((await server.BalanceAsync("bob"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_erased_member_id_cannot_silently_start_over(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("fin", "o-1", 10m);
        Assert.Equal(204, (int)(await server.Admin.DeleteAsync("/v1/members/fin")).StatusCode);

        var recreate = await server.Admin.PostAsync("/v1/members", Json("""{"id":"fin","email":"fin@example.com"}"""));
        var purchase = await server.PostEventAsync("""{"type":"purchase","memberId":"fin","data":{"orderId":"o-2","total":10}}""");

        await ExpectProblemAsync(recreate, 409);
        await ExpectProblemAsync(purchase, 404);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/fin"), 404);
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Only_an_admin_key_may_erase_a_member(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("gil");
        using var ingest = server.Client(await server.CreateKeyAsync("default", Role.Ingest));
        using var reader = server.Client(await server.CreateKeyAsync("default", Role.Read));

        await ExpectProblemAsync(await ingest.DeleteAsync("/v1/members/gil"), 403);
        await ExpectProblemAsync(await reader.DeleteAsync("/v1/members/gil"), 403);
        await ExpectProblemAsync(await ingest.GetAsync("/v1/members/gil/export"), 403);

        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/gil"), 200);
        Assert.Equal("gil@example.com", Value<string>(member["email"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_export_holds_the_member_their_events_their_markers_and_their_ledger(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1},"cashback":{"percent":2}}"""), 200);
        await CreateFullMemberAsync(server);
        await server.PurchaseAsync("ann.lee@shop:42", "o-1", 40m);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/ann.lee@shop:42/markers", Json("""{"text":"Has a beagle called Otto"}""")), 201);
        await server.PurchaseAsync("other", "o-2", 99m);

        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann.lee@shop:42/export"), 200);

        Assert.Equal("ann.lee@shop:42", Value<string>(export["member"]!["id"]));
        Assert.Equal("ann@example.com", Value<string>(export["member"]!["email"]));
        var purchase = Assert.Single(export["events"]!.AsArray());
        Assert.Equal("purchase", Value<string>(purchase!["type"]));
        Assert.Equal("o-1", Value<string>(purchase["data"]!["orderId"]));
        Assert.Equal("Has a beagle called Otto", Value<string>(Assert.Single(export["markers"]!.AsArray())!["text"]));
        // The same shapes as the rest of the API on both stores: camelCase, money as money, instants in one format.
        var ledger = export["ledger"]!.AsArray();
        Assert.Equal(2, ledger.Count);
        Assert.Equal(40, Value<long>(ledger[0]!["amount"]));
        Assert.Equal("earn", Value<string>(ledger[0]!["kind"]));
        Assert.Equal("o-1", Value<string>(ledger[0]!["orderId"]));
        Assert.Equal(1, Value<int>(ledger[0]!["programVersion"]));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(ledger[0]!["at"]));
        Assert.Equal(0.8m, Value<decimal>(ledger[1]!["amount"]));
        Assert.Equal(40, Value<long>(export["balance"]!["points"]));
        Assert.Equal(0.8m, Value<decimal>(export["balance"]!["wallet"]));
        var order = Assert.Single(export["orders"]!.AsArray());
        Assert.Equal("o-1", Value<string>(order!["orderId"]));
        Assert.Equal(40m, Value<decimal>(order["total"]));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(order["occurredAt"]));
        Assert.DoesNotContain("o-2", export.ToJsonString(), StringComparison.Ordinal);
    }

    internal static StringContent MergePatch(string json) => new(json, System.Text.Encoding.UTF8, "application/merge-patch+json");
}
