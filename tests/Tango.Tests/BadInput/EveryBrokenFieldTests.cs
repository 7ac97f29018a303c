using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// A 422 names every broken field at once: fields of the wrong JSON type together with fields that break a rule,
/// and a rule says nothing more about a field that could not be read.
/// </summary>
public sealed class EveryBrokenFieldTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_program_with_a_bad_value_and_three_wrongly_typed_fields_names_all_four_and_keeps_the_old_program(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await ExpectAsync(await server.Admin.GetAsync("/v1/program"), 200);

        var response = await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":-1,"rounding":"sideways"},"expiry":{"months":"twelve"},"cashback":{"percent":"two"}}
            """);

        var errors = await ErrorsAsync(response);
        Assert.Equal(["cashback.percent", "earning.pointsPerUnit", "earning.rounding", "expiry.months"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Expected one of down, nearest, up.", Messages(errors, "earning.rounding").Single());
        // The range rule on expiry.months would only judge the stand-in 0: it stays out.
        Assert.Single(Messages(errors, "expiry.months"));
        var after = await ExpectAsync(await server.Admin.GetAsync("/v1/program"), 200);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_event_names_wrong_types_in_its_envelope_and_its_data_together_with_broken_values_and_stores_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.PostEventAsync("""
            {"type":"purchase","memberId":"ann","occurredAt":20261123,"extra":1,
             "data":{"orderId":"o\n1","total":"12.50","lines":[{"sku":"bean","quantity":"two","unitPrice":-1},7]}}
            """);

        var errors = await ErrorsAsync(response);
        Assert.Equal(["data.lines[0].quantity", "data.lines[0].unitPrice", "data.lines[1]", "data.orderId", "data.total", "extra", "occurredAt"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_batch_item_names_all_its_broken_fields_and_the_good_item_beside_it_is_stored(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/events:batch", Json("""
            [{"idempotencyKey":"b-1","type":"purchase","memberId":7,"data":{"orderId":"o-1","total":"ten"}},
             {"idempotencyKey":"b-2","type":"purchase","memberId":"bob","data":{"orderId":"o-2","total":10}}]
            """));

        var results = (await ExpectAsync(response, 200))["results"]!.AsArray();
        Assert.Equal(422, Value<int>(results[0]!["status"]));
        Assert.Equal(["data.total", "memberId"], results[0]!["problem"]!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(200, Value<int>(results[1]!["status"]));
        Assert.Equal(10, Value<long>((await server.BalanceAsync("bob"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_names_a_wrong_type_a_broken_value_and_a_nested_wrong_type_in_one_422_and_is_not_created(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/members", Json("""
            {"id":"new-1","email":5,"birthDate":"2099-01-01","consent":{"email":"yes","sms":true}}
            """));

        var errors = await ErrorsAsync(response);
        Assert.Equal(["birthDate", "consent.email", "email"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Expected a string.", Messages(errors, "email").Single());
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/new-1"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_ticket_and_a_coupon_batch_name_wrong_types_beside_broken_values(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        var ticket = await server.Admin.PostAsync("/v1/tickets", Json("""{"memberId":"ann","subject":42,"channel":"email","priority":"whenever"}"""));
        var coupons = await server.Admin.PostAsync("/v1/coupons/batches", Json("""{"count":"many","discount":{"percent":250}}"""));

        Assert.Equal(["priority", "subject"], (await ErrorsAsync(ticket)).Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["count", "discount.percent"], (await ErrorsAsync(coupons)).Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response) =>
        (await ExpectProblemAsync(response, 422))["errors"]!.AsObject();

    private static IEnumerable<string> Messages(JsonObject errors, string field) =>
        errors[field]!.AsArray().Select(m => Value<string>(m));
}
