using System.Net;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Rewards;

public sealed class RewardCatalogTests
{
    // Today is 2026-11-23. The tasting opens to everyone on 2026-11-30 and to gold members a week earlier.
    private const string Catalog = """
        {"currency":"EUR","earning":{"pointsPerUnit":1},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"gold","name":"Gold","minSpend":1000}],
         "rewards":[
           {"id":"coffee","name":"Free coffee","kind":"coupon","costPoints":150,"portable":true,"discountAmount":3.5},
           {"id":"tour","name":"Roastery tour","kind":"experience","costPoints":200,"tiers":["gold"],"stock":20},
           {"id":"tasting","name":"Tasting night","kind":"access","costPoints":100,"validFrom":"2026-11-30","earlyAccessDays":7,
            "visibleTo":{"tiers":["gold"]}},
           {"id":"secret","name":"Secret menu","kind":"product","costPoints":50,"visibleTo":{"tiers":["gold"]}},
           {"id":"summer","name":"Summer mug","kind":"product","costPoints":50,"validTo":"2026-08-31"},
           {"id":"last-one","name":"Last one","kind":"product","costPoints":10,"stock":1}]}
        """;

    private static JsonNode Offer(JsonObject catalog, string id) => catalog["items"]!.AsArray().Single(i => Value<string>(i!["id"]) == id)!;

    private static string[] Reasons(JsonNode offer) => offer["reasons"]!.AsArray().Select(r => Value<string>(r!["code"])).ToArray();

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_catalog_says_for_a_member_what_they_may_take_now_and_why_not(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Catalog), 200);
        await server.BuyAsync("ann", "o-1", 120m);

        var catalog = await ExpectAsync(await server.Admin.GetAsync("/v1/rewards?memberId=ann"), 200);

        Assert.Equal(("bronze", 120L), (Value<string>(catalog["tier"]), Value<long>(catalog["balance"])));
        Assert.Equal(["insufficient-points"], Reasons(Offer(catalog, "coffee")));
        Assert.Equal(["tier-required", "insufficient-points"], Reasons(Offer(catalog, "tour")));
        Assert.Equal(["not-yet-open"], Reasons(Offer(catalog, "tasting")));
        Assert.Equal("2026-11-30", Value<string>(Offer(catalog, "tasting")["opensOn"]));
        Assert.False(Value<bool>(Offer(catalog, "secret")["visible"]));
        Assert.Equal(["members-only"], Reasons(Offer(catalog, "secret")));
        Assert.Equal(["reward-expired"], Reasons(Offer(catalog, "summer")));
        Assert.True(Value<bool>(Offer(catalog, "last-one")["mayTake"]));
        Assert.Equal(1, Value<long>(Offer(catalog, "last-one")["stockLeft"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Redemption_enforces_the_catalog_rules_and_the_club_gets_in_early(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Catalog), 200);
        await server.BuyAsync("gil", "o-1", 1200m); // gold
        await server.BuyAsync("bea", "o-2", 300m); // bronze

        var early = await server.Admin.PostAsync("/v1/members/gil/redemptions", Json("""{"rewardId":"tasting"}"""));
        var tooEarly = await server.Admin.PostAsync("/v1/members/bea/redemptions", Json("""{"rewardId":"tasting"}"""));
        var hidden = await server.Admin.PostAsync("/v1/members/bea/redemptions", Json("""{"rewardId":"secret"}"""));
        var over = await server.Admin.PostAsync("/v1/members/bea/redemptions", Json("""{"rewardId":"summer"}"""));
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var opened = await server.Admin.PostAsync("/v1/members/bea/redemptions", Json("""{"rewardId":"tasting"}"""));

        await ExpectAsync(early, 201);
        Assert.EndsWith("not-yet-open", Value<string>((await ExpectProblemAsync(tooEarly, 409))["type"]), StringComparison.Ordinal);
        Assert.EndsWith("members-only", Value<string>((await ExpectProblemAsync(hidden, 409))["type"]), StringComparison.Ordinal);
        Assert.EndsWith("reward-expired", Value<string>((await ExpectProblemAsync(over, 409))["type"]), StringComparison.Ordinal);
        await ExpectAsync(opened, 201);
        Assert.Equal(200, Value<long>((await server.BalanceAsync("bea"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Twenty_clients_racing_for_the_last_unit_leave_exactly_one_winner(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Catalog), 200);
        var members = Enumerable.Range(0, 20).Select(i => $"racer-{i}").ToList();
        foreach (var member in members)
        {
            await server.BuyAsync(member, "o-" + member, 50m);
        }
        var clients = members.Select(_ => server.Client(AdminKey)).ToList();

        var responses = await Task.WhenAll(members.Select((member, i) =>
            clients[i].PostAsync($"/v1/members/{member}/redemptions", Json("""{"rewardId":"last-one"}"""))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.EndsWith("out-of-stock", Value<string>((await ExpectProblemAsync(refused, 409))["type"]), StringComparison.Ordinal);
        }
        var catalog = await ExpectAsync(await server.Admin.GetAsync("/v1/rewards"), 200);
        Assert.Equal(0, Value<long>(Offer(catalog, "last-one")["stockLeft"]));
        Assert.Equal(19 * 50 + 40, (await Task.WhenAll(members.Select(server.BalanceAsync))).Sum(b => Value<long>(b["points"])));
        Assert.Empty(await server.VerifyAsync());
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Unknown_reward_kinds_negative_costs_and_bad_club_settings_are_refused_naming_each_field(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},
             "rewards":[{"id":"a","name":"A","kind":"voucher","costPoints":10},
                        {"id":"b","name":"B","kind":"coupon","costPoints":-1},
                        {"id":"c","name":"C","kind":"access","earlyAccessDays":5,"visibleTo":{"segments":["vip"]}}]}
            """);

        var problem = await ExpectProblemAsync(response, 422);
        Assert.Equal(["rewards[0].kind", "rewards[1].costPoints", "rewards[2].earlyAccessDays", "rewards[2].visibleTo.segments[0]"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_code_a_coupon_reward_issues_works_once_at_the_checkout(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Catalog), 200);
        await server.BuyAsync("kim", "o-1", 200m);
        var redemption = await ExpectAsync(await server.Admin.PostAsync("/v1/members/kim/redemptions", Json("""{"rewardId":"coffee"}""")), 201);
        var code = Value<string>(redemption["coupon"]);

        var check = await server.PostAsync("/v1/coupons:validate", $$"""{"code":"{{code}}","memberId":"kim","orderTotal":10}""", 200);
        var used = await server.PostAsync("/v1/coupons:redeem", $$"""{"code":"{{code}}","memberId":"kim","orderId":"shop-9"}""", 200);
        var cancel = await server.Admin.PostAsync($"/v1/redemptions/{Value<string>(redemption["redemptionId"])}/cancel", null);

        Assert.Equal((true, 3.5m), (Value<bool>(check["valid"]), Value<decimal>(check["discount"])));
        Assert.Equal(3.5m, Value<decimal>(used["discount"]));
        Assert.EndsWith("coupon-used", Value<string>((await ExpectProblemAsync(cancel, 409))["type"]), StringComparison.Ordinal);
    }
}
