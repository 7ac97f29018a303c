using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Events;

public sealed class IdempotencyTests
{
    private const string PurchaseBody = """{"type":"purchase","memberId":"ann","occurredAt":"2026-11-23T09:00:00Z","data":{"orderId":"o-1","total":42.50}}""";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Replaying_a_request_with_the_same_key_returns_the_identical_response_and_writes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var first = await server.PostEventAsync(PurchaseBody, "key-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        var linesBefore = (await server.LedgerAsync("ann")).Count;

        var again = await server.PostEventAsync(PurchaseBody, "key-1");

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(linesBefore, (await server.LedgerAsync("ann")).Count);
        Assert.Equal(42, Value<long>((await server.BalanceAsync("ann"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_same_key_with_another_body_is_a_422_and_changes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PostEventAsync(PurchaseBody, "key-1"), 200);

        var other = await server.PostEventAsync(PurchaseBody.Replace("42.50", "99.00", StringComparison.Ordinal), "key-1");

        await ExpectProblemAsync(other, 422, "Idempotency-Key");
        Assert.Equal(42, Value<long>((await server.BalanceAsync("ann"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_same_order_under_a_new_key_is_a_409(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PostEventAsync(PurchaseBody, "key-1"), 200);

        var duplicate = await server.PostEventAsync(PurchaseBody, "key-2");

        var problem = await ExpectProblemAsync(duplicate, 409);
        Assert.EndsWith("duplicate-order", Value<string>(problem["type"]), StringComparison.Ordinal);
        Assert.Equal(42, Value<long>((await server.BalanceAsync("ann"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_event_without_an_idempotency_key_is_refused(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var response = await server.Admin.PostAsync("/v1/events", Json(PurchaseBody));
        await ExpectProblemAsync(response, 400, "Idempotency-Key");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/ann"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Idempotency_keys_are_honoured_on_other_posts_too(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("ann", "o-1", 100m);
        async Task<HttpResponseMessage> Redeem()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/members/ann/redemptions") { Content = Json("""{"points":30}""") };
            request.Headers.Add("Idempotency-Key", "redeem-1");
            return await server.Admin.SendAsync(request);
        }

        var first = await ExpectAsync(await Redeem(), 201);
        var replay = await Redeem();

        Assert.Equal(first.ToJsonString(), (await ExpectAsync(replay, 201)).ToJsonString());
        Assert.Equal(70, Value<long>((await server.BalanceAsync("ann"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_batch_answers_each_item_in_order_and_one_bad_item_does_not_reject_the_rest(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var batch = """
            [
              {"idempotencyKey":"b-1","type":"purchase","memberId":"bob","data":{"orderId":"b-o1","total":10}},
              {"idempotencyKey":"b-2","type":"purchase","memberId":"bob","data":{"orderId":"b-o2","total":-5}},
              {"idempotencyKey":"b-3","type":"purchase","memberId":"bob","data":{"orderId":"b-o1","total":10}},
              {"idempotencyKey":"b-4","type":"custom.review","memberId":"bob","data":{"stars":5}}
            ]
            """;

        var results = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(batch)), 200))["results"]!.AsArray();
        var replay = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(batch)), 200))["results"]!.AsArray();

        Assert.Equal([200, 422, 409, 200], results.Select(r => Value<int>(r!["status"])));
        Assert.Equal("data.total", results[1]!["problem"]!["errors"]!.AsObject().Single().Key);
        Assert.Equal(10, Value<long>(results[0]!["result"]!["pointsEarned"]));
        Assert.True(Value<bool>(replay[0]!["replayed"]));
        Assert.Equal(10, Value<long>((await server.BalanceAsync("bob"))["points"]));
    }
}
