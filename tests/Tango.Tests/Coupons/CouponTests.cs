using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tango.Store.Infrastructure;
using Tango.Tests.Harness;
using Tango.Tests.Rewards;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Coupons;

public sealed class CouponTests
{
    private static async Task<string> BatchAsync(TangoServer server, string json) =>
        Value<string>((await server.PostAsync("/v1/coupons/batches", json, 201))["batchId"]);

    private static async Task<List<string>> CodesAsync(TangoServer server, string batchId)
    {
        var codes = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ExpectAsync(await server.Admin.GetAsync($"/v1/coupons/batches/{batchId}/codes?limit=500{(cursor is null ? "" : "&cursor=" + cursor)}"), 200);
            codes.AddRange(page["items"]!.AsArray().Select(i => Value<string>(i!["code"])));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return codes;
    }

    private static Task<JsonObject> ValidateAsync(TangoServer server, string code, string? member, decimal total) =>
        server.PostAsync("/v1/coupons:validate",
            $$"""{"code":"{{code}}"{{(member is null ? "" : $",\"memberId\":\"{member}\"")}},"orderTotal":{{RewardFixtures.Money(total)}}}""", 200);

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_batch_of_a_hundred_thousand_codes_is_unique_and_follows_its_pattern(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var batch = await server.PostAsync("/v1/coupons/batches",
            """{"prefix":"XMAS-","pattern":"XXXX-XXXX","count":100000,"discount":{"percent":10},"maxUses":1}""", 201);
        var codes = await CodesAsync(server, Value<string>(batch["batchId"]));

        Assert.Equal(100_000, codes.Count);
        Assert.Equal(100_000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^XMAS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", c));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Each_refusal_at_the_checkout_has_its_own_reason(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var expiring = (await CodesAsync(server, await BatchAsync(server,
            $$"""{"count":1,"discount":{"amount":5},"expiresAt":"{{RewardFixtures.Instant(Start.AddDays(1))}}"}""")))[0];
        var single = (await CodesAsync(server, await BatchAsync(server, """{"count":1,"discount":{"amount":5}}""")))[0];
        var annsOnly = (await CodesAsync(server, await BatchAsync(server, """{"count":1,"discount":{"percent":20},"memberId":"ann"}""")))[0];
        var bigBaskets = (await CodesAsync(server, await BatchAsync(server, """{"count":1,"discount":{"amount":10},"minOrder":50}""")))[0];
        await server.PostAsync("/v1/coupons:redeem", $$"""{"code":"{{single}}","orderId":"o-1"}""", 200);

        var valid = await ValidateAsync(server, annsOnly.ToLowerInvariant(), "ann", 80m);
        var usedUp = await ValidateAsync(server, single, null, 80m);
        var wrongMember = await ValidateAsync(server, annsOnly, "bob", 80m);
        var belowMinimum = await ValidateAsync(server, bigBaskets, null, 49.99m);
        var unknown = await ValidateAsync(server, "NOPE-2345", null, 80m);
        server.Clock.Advance(TimeSpan.FromDays(1));
        var expired = await ValidateAsync(server, expiring, null, 80m);

        Assert.Equal((true, 16m), (Value<bool>(valid["valid"]), Value<decimal>(valid["discount"])));
        Assert.Null(valid["reason"]);
        foreach (var (answer, reason) in new[] { (usedUp, "used-up"), (wrongMember, "wrong-member"), (belowMinimum, "below-minimum"),
                     (unknown, "unknown"), (expired, "expired") })
        {
            Assert.False(Value<bool>(answer["valid"]));
            Assert.Equal(reason, Value<string>(answer["reason"]));
            Assert.Equal(0m, Value<decimal>(answer["discount"]));
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Redeeming_the_same_order_again_answers_the_same(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var code = (await CodesAsync(server, await BatchAsync(server, """{"count":1,"discount":{"percent":10},"maxUses":3}""")))[0];
        var body = $$"""{"code":"{{code}}","memberId":"ann","orderId":"o-1","orderTotal":45.50}""";

        var first = await server.Admin.PostAsync("/v1/coupons:redeem", Json(body));
        var again = await server.Admin.PostAsync("/v1/coupons:redeem", Json(body));
        var keyed = new HttpRequestMessage(HttpMethod.Post, "/v1/coupons:redeem") { Content = Json(body) };
        keyed.Headers.Add("Idempotency-Key", "redeem-o-1");
        var withKey = await server.Admin.SendAsync(keyed);
        var replay = new HttpRequestMessage(HttpMethod.Post, "/v1/coupons:redeem") { Content = Json(body) };
        replay.Headers.Add("Idempotency-Key", "redeem-o-1");
        var replayed = await server.Admin.SendAsync(replay);

        var text = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(4.55m, Value<decimal>(JsonNode.Parse(text)!["discount"]));
        Assert.Equal(text, await again.Content.ReadAsStringAsync());
        Assert.Equal(text, await withKey.Content.ReadAsStringAsync());
        Assert.Equal(text, await replayed.Content.ReadAsStringAsync());
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        var codes = await ExpectAsync(await server.Admin.GetAsync($"/v1/coupons/batches/{Value<string>(JsonNode.Parse(text)!["batchId"])}/codes"), 200);
        Assert.Equal((1, 2), (Value<int>(codes["items"]![0]!["uses"]), Value<int>(codes["items"]![0]!["usesLeft"])));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Twenty_checkouts_racing_for_a_single_use_code_leave_one_winner(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var code = (await CodesAsync(server, await BatchAsync(server, """{"count":1,"discount":{"amount":5}}""")))[0];
        var clients = Enumerable.Range(0, 20).Select(_ => server.Client(AdminKey)).ToList();

        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostAsync("/v1/coupons:redeem", Json($$"""{"code":"{{code}}","memberId":"m-{{i}}","orderId":"order-{{i}}"}"""))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.EndsWith("coupon-used-up", Value<string>((await ExpectProblemAsync(refused, 409))["type"]), StringComparison.Ordinal);
        }
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_per_member_limit_counts_across_the_batch(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var codes = await CodesAsync(server, await BatchAsync(server, """{"count":3,"discount":{"amount":5},"perMemberLimit":1}"""));

        await server.PostAsync("/v1/coupons:redeem", $$"""{"code":"{{codes[0]}}","memberId":"ann","orderId":"o-1"}""", 200);
        var second = await server.Admin.PostAsync("/v1/coupons:redeem", Json($$"""{"code":"{{codes[1]}}","memberId":"ann","orderId":"o-2"}"""));
        var other = await server.Admin.PostAsync("/v1/coupons:redeem", Json($$"""{"code":"{{codes[1]}}","memberId":"bob","orderId":"o-3"}"""));

        Assert.EndsWith("coupon-member-limit", Value<string>((await ExpectProblemAsync(second, 409))["type"]), StringComparison.Ordinal);
        await ExpectAsync(other, 200);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_bad_batch_is_refused_naming_each_field_and_writes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/coupons/batches", Json(
            """{"prefix":"low","pattern":"XXX","count":100001,"discount":{"percent":10,"amount":5},"minOrder":-1,"expiresAt":"2020-01-01T00:00:00Z","maxUses":0}"""));

        var problem = await ExpectProblemAsync(response, 422);
        Assert.Equal(["count", "discount", "expiresAt", "maxUses", "minOrder", "pattern", "prefix"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await using var connection = await server.Services.GetRequiredService<Database>().OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM coupon_batches"));
    }
}
