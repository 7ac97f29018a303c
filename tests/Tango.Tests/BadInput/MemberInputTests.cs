using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>Every bad POST /v1/members is a 4xx RFC 9457 problem naming the field, and no member is created.</summary>
public sealed class MemberInputTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Malformed_json_is_a_400_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var truncated = await server.Admin.PostAsync("/v1/members", Json("""{"id":"new-1","email":"""));
        var singleQuotes = await server.Admin.PostAsync("/v1/members", Json("{'id':'new-1'}"));
        var empty = await server.Admin.PostAsync("/v1/members", Json(""));

        await ExpectProblemAsync(truncated, 400);
        await ExpectProblemAsync(singleQuotes, 400);
        await ExpectProblemAsync(empty, 400);
        await AssertNoMembersAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Unknown_fields_are_a_422_naming_the_field_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var topLevel = await server.Admin.PostAsync("/v1/members", Json("""{"id":"new-1","colour":"red"}"""));
        var nested = await server.Admin.PostAsync("/v1/members", Json("""{"id":"new-1","consent":{"email":true,"fax":true}}"""));

        await ExpectProblemAsync(topLevel, 422, "colour");
        await ExpectProblemAsync(nested, 422, "consent.fax");
        await AssertNoMembersAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_id_with_forbidden_characters_or_none_at_all_is_a_422_naming_id_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var forbidden = await server.Admin.PostAsync("/v1/members", Json("""{"id":"bad id!"}"""));
        var tooLong = await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"{{new string('a', 129)}}"}"""));
        var empty = await server.Admin.PostAsync("/v1/members", Json("""{"id":""}"""));
        var missing = await server.Admin.PostAsync("/v1/members", Json("""{"email":"x@example.com"}"""));
        var number = await server.Admin.PostAsync("/v1/members", Json("""{"id":42}"""));
        var unicode = await server.Admin.PostAsync("/v1/members", Json("""{"id":"jörg"}"""));

        await ExpectProblemAsync(forbidden, 422, "id");
        await ExpectProblemAsync(tooLong, 422, "id");
        await ExpectProblemAsync(empty, 422, "id");
        await ExpectProblemAsync(missing, 422, "id");
        await ExpectProblemAsync(number, 422, "id");
        await ExpectProblemAsync(unicode, 422, "id");
        await AssertNoMembersAsync(server);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"{{new string('a', 128)}}"}""")), 201);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Every_broken_personal_field_is_named_in_one_422_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/members", Json("""
            {"id":"new-1","email":"not-an-email","phone":"call me","birthDate":"2027-01-01","timeZone":"Mars/Olympus","locale":"!!","consent":{"email":"yes"}}
            """));
        var fields = await server.Admin.PostAsync("/v1/members", Json("""
            {"id":"new-1","email":"not-an-email","phone":"call me","birthDate":"2027-01-01","timeZone":"Mars/Olympus","locale":"!!"}
            """));

        await ExpectProblemAsync(response, 422, "consent.email");
        var problem = await ExpectProblemAsync(fields, 422);
        Assert.Equal(["birthDate", "email", "locale", "phone", "timeZone"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await AssertNoMembersAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_body_over_one_mebibyte_is_a_413_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/members",
            Json($$"""{"id":"new-1","name":"{{new string('x', 1024 * 1024)}}"}"""));

        await ExpectProblemAsync(response, 413);
        await AssertNoMembersAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_body_that_is_not_json_is_a_415_and_no_member_is_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/members",
            new StringContent("id=new-1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ExpectProblemAsync(response, 415);
        await AssertNoMembersAsync(server);
    }

    private static async Task AssertNoMembersAsync(TangoServer server)
    {
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/new-1"), 404);
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/members"), 200))["items"]!.AsArray());
    }
}
