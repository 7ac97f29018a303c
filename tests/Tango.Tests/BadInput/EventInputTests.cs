using System.Net.Http.Headers;
using System.Text;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// Every bad POST /v1/events is a 4xx RFC 9457 problem naming the field, and writes nothing: the known
/// member's balance and ledger stay as they were, and an unknown member is not enrolled.
/// </summary>
public sealed class EventInputTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Malformed_json_is_a_400_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var truncated = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10""");
        var trailingComma = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10,}}""");
        var notJson = await server.PostEventAsync("type=purchase&memberId=new-1");

        await ExpectProblemAsync(truncated, 400);
        await ExpectProblemAsync(trailingComma, 400);
        await ExpectProblemAsync(notJson, 400);
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_top_level_field_is_a_422_naming_it_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var response = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","colour":"red","data":{"orderId":"o-1","total":10}}""");

        await ExpectProblemAsync(response, 422, "colour");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_field_in_data_or_in_a_line_is_a_422_naming_its_path_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var inData = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10,"colour":"red"}}""");
        var inLine = await server.PostEventAsync(
            """{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10,"lines":[{"sku":"a","quantity":1,"unitPrice":10,"colour":"red"}]}}""");
        var inRefund = await server.PostEventAsync("""{"type":"refund","memberId":"known","data":{"orderId":"o-0","amount":1,"colour":"red"}}""");

        await ExpectProblemAsync(inData, 422, "data.colour");
        await ExpectProblemAsync(inLine, 422, "data.lines[0].colour");
        await ExpectProblemAsync(inRefund, 422, "data.colour");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_negative_total_is_a_422_naming_data_total_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var unknownMember = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":-10}}""");
        var knownMember = await server.PostEventAsync("""{"type":"purchase","memberId":"known","data":{"orderId":"o-1","total":-0.01}}""");

        await ExpectProblemAsync(unknownMember, 422, "data.total");
        await ExpectProblemAsync(knownMember, 422, "data.total");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_total_that_is_not_a_number_is_a_422_naming_data_total_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var text = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":"abc"}}""");
        var quotedNumber = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":"10"}}""");
        var boolean = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":true}}""");
        var missing = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1"}}""");

        await ExpectProblemAsync(text, 422, "data.total");
        await ExpectProblemAsync(quotedNumber, 422, "data.total");
        await ExpectProblemAsync(boolean, 422, "data.total");
        await ExpectProblemAsync(missing, 422, "data.total");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_occurredAt_a_day_in_the_future_or_without_a_zone_is_a_422_naming_it_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var tomorrow = await server.PostEventAsync(
            """{"type":"purchase","memberId":"new-1","occurredAt":"2026-11-24T10:00:00Z","data":{"orderId":"o-1","total":10}}""");
        var noZone = await server.PostEventAsync(
            """{"type":"purchase","memberId":"new-1","occurredAt":"2026-11-23T09:00:00","data":{"orderId":"o-1","total":10}}""");
        var notAnInstant = await server.PostEventAsync(
            """{"type":"purchase","memberId":"new-1","occurredAt":"yesterday","data":{"orderId":"o-1","total":10}}""");
        var fourMinutesAhead = await server.PostEventAsync(
            """{"type":"purchase","memberId":"known","occurredAt":"2026-11-23T10:04:00Z","data":{"orderId":"o-ok","total":1}}""");

        await ExpectProblemAsync(tomorrow, 422, "occurredAt");
        await ExpectProblemAsync(noZone, 422, "occurredAt");
        await ExpectProblemAsync(notAnInstant, 422, "occurredAt");
        await ExpectAsync(fourMinutesAhead, 200); // a clock a little ahead of ours is tolerated
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/new-1"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_body_over_one_mebibyte_is_a_413_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);
        var padding = new string('x', 1024 * 1024);
        var body = $$$"""{"type":"custom.note","memberId":"new-1","data":{"note":"{{{padding}}}"}}""";

        var sized = await server.PostEventAsync(body);
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.Add("Idempotency-Key", "chunked-1");
        chunked.Headers.TransferEncodingChunked = true;
        var streamed = await server.Admin.SendAsync(chunked);

        await ExpectProblemAsync(sized, 413);
        await ExpectProblemAsync(streamed, 413);
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_id_with_forbidden_characters_is_a_422_naming_memberId_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var space = await server.PostEventAsync("""{"type":"purchase","memberId":"bad id!","data":{"orderId":"o-1","total":10}}""");
        var slash = await server.PostEventAsync("""{"type":"purchase","memberId":"a/b","data":{"orderId":"o-1","total":10}}""");
        var tooLong = await server.PostEventAsync($$$"""{"type":"purchase","memberId":"{{{new string('a', 129)}}}","data":{"orderId":"o-1","total":10}}""");
        var empty = await server.PostEventAsync("""{"type":"purchase","memberId":"","data":{"orderId":"o-1","total":10}}""");
        var missing = await server.PostEventAsync("""{"type":"purchase","data":{"orderId":"o-1","total":10}}""");
        var badOrder = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o\u00011","total":10}}""");

        await ExpectProblemAsync(space, 422, "memberId");
        await ExpectProblemAsync(slash, 422, "memberId");
        await ExpectProblemAsync(tooLong, 422, "memberId");
        await ExpectProblemAsync(empty, 422, "memberId");
        await ExpectProblemAsync(missing, 422, "memberId");
        await ExpectProblemAsync(badOrder, 422, "data.orderId");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_event_type_is_a_422_naming_type_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var unknown = await server.PostEventAsync("""{"type":"teleport","memberId":"new-1","data":{}}""");
        var upperCase = await server.PostEventAsync("""{"type":"PURCHASE","memberId":"new-1","data":{"orderId":"o-1","total":10}}""");
        var bareCustom = await server.PostEventAsync("""{"type":"custom.","memberId":"new-1","data":{}}""");
        var missing = await server.PostEventAsync("""{"memberId":"new-1","data":{"orderId":"o-1","total":10}}""");
        var both = await server.PostEventAsync("""{"type":"teleport","memberId":"bad id!"}""");

        await ExpectProblemAsync(unknown, 422, "type");
        await ExpectProblemAsync(upperCase, 422, "type");
        await ExpectProblemAsync(bareCustom, 422, "type");
        await ExpectProblemAsync(missing, 422, "type");
        var problem = await ExpectProblemAsync(both, 422, "type");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("memberId"));
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_in_another_currency_than_the_programs_is_a_422_naming_data_currency_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var knownMember = await server.PostEventAsync("""{"type":"purchase","memberId":"known","data":{"orderId":"o-1","total":10,"currency":"USD"}}""");
        var notACurrency = await server.PostEventAsync("""{"type":"purchase","memberId":"known","data":{"orderId":"o-1","total":10,"currency":"XYZ"}}""");
        var sameCurrency = await server.PostEventAsync("""{"type":"purchase","memberId":"known","data":{"orderId":"o-2","total":10,"currency":"eur"}}""");

        await ExpectProblemAsync(knownMember, 422, "data.currency");
        await ExpectProblemAsync(notACurrency, 422, "data.currency");
        await ExpectAsync(sameCurrency, 200);
        // o-1 was never recorded, so it can still be sent in the right currency.
        await ExpectAsync(await server.PostEventAsync("""{"type":"purchase","memberId":"known","data":{"orderId":"o-1","total":10}}"""), 200);
        Assert.Equal(before.Points + 20, Value<long>((await server.BalanceAsync("known"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_in_another_currency_for_an_unknown_member_does_not_enrol_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var response = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10,"currency":"USD"}}""");

        await ExpectProblemAsync(response, 422, "data.currency");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_total_with_more_decimals_than_the_currency_has_is_a_422_naming_data_total_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var unknownMember = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10.001}}""");
        var knownMember = await server.PostEventAsync("""{"type":"purchase","memberId":"known","data":{"orderId":"o-1","total":0.005}}""");

        await ExpectProblemAsync(unknownMember, 422, "data.total");
        await ExpectProblemAsync(knownMember, 422, "data.total");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Another_members_order_id_is_a_409_and_does_not_enrol_the_new_member(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var response = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":{"orderId":"o-0","total":10}}""");

        await ExpectProblemAsync(response, 409);
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_for_a_member_never_seen_is_a_404_and_does_not_enrol_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var response = await server.PostEventAsync("""{"type":"refund","memberId":"new-1","data":{"orderId":"o-0","amount":5}}""");

        await ExpectProblemAsync(response, 404, "data.orderId");
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Lines_with_zero_or_negative_quantity_or_price_are_a_422_naming_each_line_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var response = await server.PostEventAsync("""
            {"type":"purchase","memberId":"new-1","data":{"orderId":"o-1","total":10,"lines":[
              {"sku":"a","quantity":1,"unitPrice":5},
              {"sku":"b","quantity":0,"unitPrice":5},
              {"sku":"c","quantity":-1,"unitPrice":5},
              {"sku":"d","quantity":1,"unitPrice":-5},
              {"quantity":1,"unitPrice":5}]}}
            """);

        var problem = await ExpectProblemAsync(response, 422, "data.lines[1].quantity");
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("data.lines[2].quantity", fields);
        Assert.Contains("data.lines[3].unitPrice", fields);
        Assert.Contains("data.lines[4].sku", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith("data.lines[0]", StringComparison.Ordinal));
        await before.AssertUnchangedAsync(server);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_body_that_is_not_an_object_or_has_the_wrong_data_is_a_422_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var before = await Snapshot.TakeAsync(server);

        var array = await server.PostEventAsync("""[{"type":"purchase","memberId":"new-1"}]""");
        var nullBody = await server.PostEventAsync("null");
        var dataString = await server.PostEventAsync("""{"type":"purchase","memberId":"new-1","data":"o-1"}""");
        var customArray = await server.PostEventAsync("""{"type":"custom.review","memberId":"new-1","data":[1,2]}""");

        await ExpectProblemAsync(array, 422);
        await ExpectProblemAsync(nullBody, 422);
        await ExpectProblemAsync(dataString, 422, "data");
        await ExpectProblemAsync(customArray, 422, "data");
        await before.AssertUnchangedAsync(server);
    }

    /// <summary>What "nothing is written" is checked against: a known member's points and ledger, and no member "new-1".</summary>
    private sealed record Snapshot(long Points, int Lines)
    {
        public static async Task<Snapshot> TakeAsync(TangoServer server)
        {
            await server.PurchaseAsync("known", "o-0", 25m);
            return new Snapshot(Value<long>((await server.BalanceAsync("known"))["points"]), (await server.LedgerAsync("known")).Count);
        }

        public async Task AssertUnchangedAsync(TangoServer server)
        {
            Assert.Equal(Points, Value<long>((await server.BalanceAsync("known"))["points"]));
            Assert.Equal(Lines, (await server.LedgerAsync("known")).Count);
            await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/new-1"), 404);
            var members = await ExpectAsync(await server.Admin.GetAsync("/v1/members"), 200);
            Assert.Equal(["known"], members["items"]!.AsArray().Select(m => Value<string>(m!["id"])));
        }
    }
}
