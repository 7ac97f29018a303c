using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Programs;

public sealed class EarningRuleTests
{
    private const string CoffeeOrder = """
        ,"lines":[{"sku":"espresso","category":"coffee","quantity":2,"unitPrice":3.00},{"sku":"croissant","category":"bakery","quantity":1,"unitPrice":4.00}]
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Each_ledger_line_of_a_purchase_names_the_rule_and_the_program_version_that_made_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store); // a Monday
        await ExpectAsync(await server.PutProgramAsync(ProgramDocumentTests.ContractExample), 200);

        var monday = await server.PurchaseAsync("ann", "o-1", 10m, extra: CoffeeOrder.Trim());
        var lines = await server.LedgerAsync("ann");

        Assert.Equal(16, Value<long>(monday["pointsEarned"]));
        Assert.Equal(1, Value<int>(monday["programVersion"]));
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(1, Value<int>(l!["programVersion"])));
        Assert.All(lines, l => Assert.Equal(Value<string>(monday["eventId"]), Value<string>(l!["eventId"])));
        var rule = Assert.Single(lines, l => l!["ruleId"] is not null);
        Assert.Equal("coffee-mondays", Value<string>(rule!["ruleId"]));
        Assert.Equal(6, Value<long>(rule["amount"]));
        Assert.Equal("earn", Value<string>(rule["kind"]));
        Assert.Contains("coffee-mondays", Value<string>(rule["reason"]), StringComparison.Ordinal);
        var baseLine = Assert.Single(lines, l => l!["ruleId"] is null && Value<string>(l["account"]) == "points");
        Assert.Equal(10, Value<long>(baseLine!["amount"]));
        // The base line explains the whole purchase, rules that added nothing included.
        Assert.StartsWith("16 points: 10 base", Value<string>(baseLine["reason"]), StringComparison.Ordinal);
        var cashback = Assert.Single(lines, l => Value<string>(l!["account"]) == "wallet");
        Assert.Equal(0.2m, Value<decimal>(cashback!["amount"]));

        server.Clock.Advance(TimeSpan.FromDays(1)); // Tuesday: coffee earns no more than anything else
        var tuesday = await server.PurchaseAsync("ann", "o-2", 10m, extra: CoffeeOrder.Trim());
        Assert.Equal(10, Value<long>(tuesday["pointsEarned"]));

        await ExpectAsync(await server.PutProgramAsync(ProgramDocumentTests.ContractExample.Replace(
            "\"pointsPerUnit\": 1", "\"pointsPerUnit\": 2", StringComparison.Ordinal)), 200);
        var underV2 = await server.PurchaseAsync("ann", "o-3", 10m);
        var v2Lines = (await server.LedgerAsync("ann")).Where(l => Value<string>(l!["eventId"]) == Value<string>(underV2["eventId"])).ToList();

        Assert.Equal(20, Value<long>(underV2["pointsEarned"]));
        Assert.Equal(2, Value<int>(underV2["programVersion"]));
        Assert.NotEmpty(v2Lines);
        Assert.All(v2Lines, l => Assert.Equal(2, Value<int>(l!["programVersion"])));
        Assert.All(await server.LedgerAsync("ann"), l => Assert.NotNull(l!["programVersion"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_largest_multiplier_wins_a_line_and_the_breakdown_names_the_rule(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down","rules":[
              {"id":"all-coffee","when":{"categories":["coffee"]},"multiplier":2},
              {"id":"espresso-week","when":{"skus":["espresso"]},"multiplier":5}]}}
            """), 200);

        var earned = await server.PurchaseAsync("bo", "o-1", 10m, extra: CoffeeOrder.Trim());

        // espresso 6.00 × 5 (espresso-week beats all-coffee), croissant 4.00 × 1.
        Assert.Equal(34, Value<long>(earned["pointsEarned"]));
        var breakdown = earned["breakdown"]!.AsArray();
        Assert.Equal(24, Value<long>(Assert.Single(breakdown, b => b!["ruleId"]?.GetValue<string>() == "espresso-week")!["points"]));
        Assert.DoesNotContain(breakdown, b => b!["ruleId"]?.GetValue<string>() == "all-coffee");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Bonus_points_are_added_once_per_matching_order_and_a_rule_adds_no_more_than_its_cap(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down","rules":[
              {"id":"big-basket","when":{"minTotal":100},"bonusPoints":50},
              {"id":"wine-triple","when":{"categories":["wine"]},"multiplier":3,"maxPointsPerOrder":20}]}}
            """), 200);
        const string Lines = """
            ,"lines":[{"sku":"rioja","category":"wine","quantity":2,"unitPrice":15},{"sku":"cheese","category":"deli","quantity":1,"unitPrice":90}]
            """;

        var big = await server.PurchaseAsync("cy", "o-1", 120m, extra: Lines.Trim());
        var small = await server.PurchaseAsync("cy", "o-2", 99.99m);

        // 120 base + 50 bonus + wine's 30 × (3 − 1) = 60 capped at 20.
        Assert.Equal(190, Value<long>(big["pointsEarned"]));
        var ledger = await server.LedgerAsync("cy");
        Assert.Equal(50, Value<long>(Assert.Single(ledger, l => l!["ruleId"]?.GetValue<string>() == "big-basket")!["amount"]));
        Assert.Equal(20, Value<long>(Assert.Single(ledger, l => l!["ruleId"]?.GetValue<string>() == "wine-triple")!["amount"]));
        Assert.Equal(99, Value<long>(small["pointsEarned"]));
        Assert.Equal(289, Value<long>((await server.BalanceAsync("cy"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Rounding_down_nearest_and_up_round_the_order_once(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var expected = new Dictionary<string, long[]>
        {
            // 1.5 points per unit: 7.00 → 10.5, 7.20 → 10.8, 6.90 → 10.35
            ["down"] = [10, 10, 10],
            ["nearest"] = [11, 11, 10],
            ["up"] = [11, 11, 11],
        };

        foreach (var (mode, points) in expected)
        {
            await ExpectAsync(await server.PutProgramAsync(
                $$$"""{"currency":"EUR","earning":{"pointsPerUnit":1.5,"rounding":"{{{mode}}}"}}"""), 200);
            var earned = new List<long>();
            foreach (var (total, i) in new[] { 7.00m, 7.20m, 6.90m }.Select((t, i) => (t, i)))
            {
                earned.Add(Value<long>((await server.PurchaseAsync($"r-{mode}", $"{mode}-{i}", total))["pointsEarned"]));
            }

            Assert.True(points.SequenceEqual(earned), $"{mode}: expected {string.Join(",", points)}, got {string.Join(",", earned)}");
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Lines_that_do_not_add_up_to_the_total_are_scaled_so_that_they_do(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down","rules":[{"id":"coffee-double","when":{"categories":["coffee"]},"multiplier":2}]}}
            """), 200);

        // Lines add up to 20; a 25% discount makes the total 15, so the coffee's 10 counts as 7.50.
        var earned = await server.PurchaseAsync("dee", "o-1", 15m, extra: """
            ,"lines":[{"sku":"beans","category":"coffee","quantity":2,"unitPrice":5},{"sku":"mug","category":"home","quantity":1,"unitPrice":10}]
            """.Trim());

        Assert.Equal(22, Value<long>(earned["pointsEarned"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_dated_channel_rule_applies_only_through_its_channel_and_within_its_dates(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(ProgramDocumentTests.ContractExample), 200);
        async Task<long> Earn(string orderId, string occurredAt, string channel)
        {
            var body = new JsonObject
            {
                ["type"] = "purchase",
                ["memberId"] = "eli",
                ["occurredAt"] = occurredAt,
                ["data"] = new JsonObject { ["orderId"] = orderId, ["total"] = 10, ["channel"] = channel },
            };
            return Value<long>((await ExpectAsync(await server.PostEventAsync(body.ToJsonString()), 200))["pointsEarned"]);
        }
        server.Clock.Advance(TimeSpan.FromDays(10)); // 2026-12-03

        Assert.Equal(10, await Earn("before", "2026-11-30T12:00:00Z", "app"));
        Assert.Equal(30, await Earn("during", "2026-12-02T12:00:00Z", "app"));
        Assert.Equal(30, await Earn("during-upper", "2026-12-02T13:00:00Z", "APP"));
        Assert.Equal(10, await Earn("web", "2026-12-02T14:00:00Z", "web"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_tier_multiplier_applies_from_the_purchase_after_the_member_reaches_the_tier(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(ProgramDocumentTests.ContractExample), 200);
        server.Clock.Advance(TimeSpan.FromDays(1)); // Tuesday, so no weekday rule applies

        var reaching = await server.PurchaseAsync("fox", "o-1", 500m);
        var next = await server.PurchaseAsync("fox", "o-2", 40m);

        Assert.Equal(550, Value<long>(reaching["pointsEarned"]));
        Assert.Equal("bronze", Value<string>(reaching["tier"]!["before"]));
        Assert.Equal("silver", Value<string>(reaching["tier"]!["after"]));
        Assert.Equal(50, Value<long>(next["pointsEarned"]));
        var silver = await ExpectAsync(await server.Admin.GetAsync("/v1/members?tier=silver"), 200);
        Assert.Equal("fox", Value<string>(Assert.Single(silver["items"]!.AsArray())!["id"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_share_of_an_order_paid_with_points_or_wallet_earns_nothing_and_more_than_the_total_is_refused(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1}}"""), 200);

        var paidInPart = await server.PurchaseAsync("ann", "o-1", 100m, extra: ""","paidWithPoints":30,"paidWithWallet":10""");
        var tooMuch = await server.PostEventAsync(
            """{"type":"purchase","memberId":"ann","data":{"orderId":"o-2","total":20,"paidWithPoints":15,"paidWithWallet":10}}""");
        var negative = await server.PostEventAsync("""{"type":"purchase","memberId":"ann","data":{"orderId":"o-3","total":20,"paidWithPoints":-1}}""");

        Assert.Equal(60, Value<long>(paidInPart["pointsEarned"]));
        await ExpectProblemAsync(tooMuch, 422, "data.paidWithWallet");
        await ExpectProblemAsync(negative, 422, "data.paidWithPoints");
        Assert.Equal(60, Value<long>((await server.BalanceAsync("ann"))["points"]));
    }
}
