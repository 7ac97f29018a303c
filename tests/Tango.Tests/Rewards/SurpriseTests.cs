using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Rewards;

public sealed class SurpriseTests
{
    // Every draw succeeds (100%), one surprise per member per 30 days, 500 points a month.
    private const string Surprising = """
        {"currency":"EUR","earning":{"pointsPerUnit":1},
         "rewards":[{"id":"tour","name":"Roastery tour","kind":"experience","costPoints":300,"portable":false},
                    {"id":"tasting","name":"Tasting","kind":"access","costPoints":150,"portable":false}],
         "surprises":{"monthlyBudgetPoints":500,"chancePercent":100,"minDaysBetweenPerMember":30,
                      "rewards":[{"id":"plus-one","name":"+1","points":40},{"id":"tour","rewardId":"tour"},{"id":"tasting","rewardId":"tasting"}]}}
        """;

    private static Task<System.Text.Json.Nodes.JsonObject> DrawAsync(TangoServer server, string member, string occasion) =>
        server.PostAsync($"/v1/members/{member}/surprises:draw", $$"""{"occasion":"{{occasion}}"}""", 200);

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_surprise_prefers_what_cannot_be_carried_off_and_shows_in_the_ledger_with_its_reason(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Surprising), 200);
        await server.EnrolAsync("ann");

        var draw = await DrawAsync(server, "ann", "order-1");
        var again = await DrawAsync(server, "ann", "order-1");
        var soon = await DrawAsync(server, "ann", "order-2");

        Assert.True(Value<bool>(draw["granted"]));
        Assert.Contains(Value<string>(draw["surpriseId"]), new[] { "tour", "tasting" });
        Assert.NotNull(draw["redemptionId"]);
        Assert.Equal(draw.ToJsonString(), again.ToJsonString());
        Assert.False(Value<bool>(soon["granted"]));
        Assert.StartsWith("the member's last surprise was on 2026-11-23", Value<string>(soon["reason"]), StringComparison.Ordinal);
        var line = (await server.LedgerAsync("ann")).Single(l => Value<string>(l!["kind"]) == "surprise")!;
        Assert.StartsWith("surprise: ", Value<string>(line["reason"]), StringComparison.Ordinal);
        Assert.Equal(0, Value<long>(line["amount"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_never_gets_the_same_surprise_twice_in_a_row(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Surprising.Replace("\"monthlyBudgetPoints\":500", "\"monthlyBudgetPoints\":100000",
            StringComparison.Ordinal)), 200);
        await server.EnrolAsync("bo");

        var seen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            seen.Add(Value<string>((await DrawAsync(server, "bo", $"visit-{i}"))["surpriseId"]));
            server.Clock.Advance(TimeSpan.FromDays(31));
        }

        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.All(seen, id => Assert.NotEqual("plus-one", id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_monthly_budget_caps_what_surprises_cost_and_the_report_adds_it_up(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Surprising), 200);
        var members = Enumerable.Range(0, 8).Select(i => $"m-{i}").ToList();
        foreach (var member in members)
        {
            await server.EnrolAsync(member);
        }

        var draws = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var member in members)
        {
            draws.Add(await DrawAsync(server, member, "campaign-1"));
        }
        server.Clock.Advance(TimeSpan.FromDays(1));
        await server.BuyAsync(members[0], "after-1", 30m);
        var report = await ExpectAsync(await server.Admin.GetAsync("/v1/surprises/report?from=2026-11-01&to=2026-11-30"), 200);

        var cost = draws.Where(d => Value<bool>(d["granted"])).Sum(d => Value<long>(d["costPoints"]));
        Assert.InRange(cost, 1, 500);
        Assert.Contains(draws, d => !Value<bool>(d["granted"]));
        Assert.Equal(cost, Value<long>(report["costPoints"]));
        Assert.Equal(8 + 1, Value<long>(report["draws"])); // the purchase afterwards is an occasion too, drawn and not granted within 30 days
        Assert.Equal(500, Value<long>(report["monthlyBudgetPoints"]));
        Assert.Equal(draws.Count(d => Value<bool>(d["granted"])), Value<long>(report["granted"]));
        var after = report["after"]!;
        Assert.Equal((1, 1L, 30m), (Value<int>(after["membersWhoBought"]), Value<long>(after["purchases"]), Value<decimal>(after["spend"])));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Points_surprises_are_credited_through_the_ledger(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},
             "surprises":{"monthlyBudgetPoints":1000,"chancePercent":100,"rewards":[{"id":"plus-one","name":"+1 coffee","points":40}]}}
            """), 200);
        await server.EnrolAsync("cy");

        var draw = await DrawAsync(server, "cy", "order-7");

        Assert.Equal(("plus-one", 40L), (Value<string>(draw["surpriseId"]), Value<long>(draw["costPoints"])));
        Assert.Equal(40, Value<long>((await server.BalanceAsync("cy"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_is_a_qualifying_occasion_drawn_once_and_its_surprise_stays_out_of_the_purchase_answer(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Surprising), 200);

        var bought = await server.PurchaseAsync("bea", "o-1", 20m, key: "buy-o-1");
        var retried = await server.PurchaseAsync("bea", "o-1", 20m, key: "buy-o-1");
        var next = await server.PurchaseAsync("bea", "o-2", 20m); // within the 30 days: no second surprise

        Assert.Equal(bought.ToJsonString(), retried.ToJsonString());
        Assert.DoesNotContain("surprise", bought.ToJsonString(), StringComparison.Ordinal);
        var surprises = (await server.LedgerAsync("bea")).Where(l => Value<string>(l!["kind"]) == "surprise").ToList();
        Assert.Single(surprises);
        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/bea/export"), 200);
        var draws = export["surprises"]!.AsArray();
        Assert.Equal(["order:o-1", "order:o-2"], draws.Select(d => Value<string>(d!["occasion"])));
        Assert.Equal([true, false], draws.Select(d => Value<bool>(d!["granted"])));
        Assert.Empty(await server.VerifyAsync());
        Assert.Equal(20, Value<long>(next["pointsEarned"]));
    }
}
