using Tango.Tests.Harness;
using Tango.Tests.Rewards;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Simulation;

public sealed class SimulationTests
{
    /// <summary>Rules on lines, channels and baskets, tiers with multipliers and grace, points that expire, a catalog with a money value.</summary>
    private const string Program = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down",
           "rules":[{"id":"coffee","when":{"categories":["coffee"]},"multiplier":2},
                    {"id":"app","when":{"channels":["app"]},"multiplier":1.5},
                    {"id":"big-basket","when":{"minTotal":150},"bonusPoints":25}]},
         "expiry":{"months":6},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":400,"multiplier":1.25},
                  {"id":"gold","name":"Gold","minSpend":1200,"multiplier":1.5}],
         "tierPolicy":{"metric":"spend","windowMonths":6,"downgradeGraceMonths":2},
         "rewards":[{"id":"five-off","name":"5 off","kind":"coupon","costPoints":500,"discountAmount":5},
                    {"id":"mug","name":"Mug","kind":"product","costPoints":300,"discountAmount":4}]}
        """;

    private sealed record Step(DateTimeOffset At, string Member, string Order, decimal Amount, bool Refund, string Lines);

    /// <summary>About nine months of purchases and refunds by a dozen members, at least an hour apart.</summary>
    private static List<Step> History()
    {
        var random = new Random(20261123);
        var steps = new List<Step>();
        var at = Start;
        var orders = new List<(string Member, string Order, decimal Left)>();
        for (var i = 0; i < 260; i++)
        {
            at = at.AddHours(random.Next(1, 50));
            var member = $"m-{random.Next(12)}";
            if (orders.Count > 0 && random.Next(6) == 0)
            {
                var k = random.Next(orders.Count);
                var (owner, order, left) = orders[k];
                var amount = Math.Min(left, Math.Round(left * random.Next(20, 101) / 100m, 2));
                if (amount > 0)
                {
                    steps.Add(new Step(at, owner, order, amount, true, ""));
                    orders[k] = (owner, order, left - amount);
                }
                continue;
            }
            var coffee = random.Next(1, 60);
            var other = random.Next(5, 300);
            var channel = random.Next(3) == 0 ? "app" : "shop";
            var total = coffee + other - random.Next(0, 5);
            var lines = $$""","channel":"{{channel}}","lines":[{"sku":"beans","category":"coffee","quantity":1,"unitPrice":{{coffee}}},{"sku":"grinder","quantity":1,"unitPrice":{{other}}}]""";
            steps.Add(new Step(at, member, $"o-{i}", total, false, lines));
            orders.Add((member, $"o-{i}", total));
        }
        return steps;
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Simulating_the_current_program_gives_what_the_store_holds_after_replaying_the_same_history(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var end = await LiveThroughHistoryAsync(server, Program);

        var program = (await ExpectAsync(await server.Admin.GetAsync("/v1/program"), 200)).ToJsonString();
        var simulation = await server.PostAsync("/v1/program:simulate", $$"""{"program":{{program}},"to":"{{RewardFixtures.Instant(end)}}"}""", 200);

        var held = await HeldAsync(server);
        foreach (var side in new[] { "current", "proposed" })
        {
            var figures = simulation[side]!;
            Assert.Equal(held.Issued, Value<long>(figures["pointsIssued"]));
            Assert.Equal(held.Clawed, Value<long>(figures["pointsClawedBack"]));
            Assert.Equal(held.Expired, Value<long>(figures["pointsExpired"]));
            Assert.Equal(held.Outstanding, Value<long>(figures["outstandingPoints"]));
            Assert.Equal(held.Tiers, figures["tierMix"]!.AsObject().ToDictionary(t => t.Key, t => Value<int>(t.Value)));
            Assert.Equal(held.Outstanding * 0.01m, Value<decimal>(figures["liabilityMoney"]));
        }
        Assert.True(held.Expired > 0 && held.Clawed > 0 && held.Tiers.Count > 1 && held.MovesDown > 0,
            "The history should exercise expiry, refunds, tiers and moves down after the grace.");
        Assert.Equal(0, Value<int>(simulation["tierChanges"]!["count"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Simulation_withholds_what_goes_over_the_daily_and_monthly_limits_as_the_purchase_path_does(StoreUnderTest store)
    {
        const string limits = "\"limits\":{\"perDay\":120,\"perMonth\":500},";
        await using var server = await StartAsync(store);
        var end = await LiveThroughHistoryAsync(server, Program.Replace("\"rounding\":\"down\",", "\"rounding\":\"down\"," + limits, StringComparison.Ordinal));

        var simulation = await server.PostAsync("/v1/program:simulate", $$"""{"program":{{Program}},"to":"{{RewardFixtures.Instant(end)}}"}""", 200);

        var held = await HeldAsync(server);
        var current = simulation["current"]!;
        Assert.Equal(held.Issued, Value<long>(current["pointsIssued"]));
        Assert.Equal(held.Clawed, Value<long>(current["pointsClawedBack"]));
        Assert.Equal(held.Expired, Value<long>(current["pointsExpired"]));
        Assert.Equal(held.Outstanding, Value<long>(current["outstandingPoints"]));
        Assert.Equal(held.Tiers, current["tierMix"]!.AsObject().ToDictionary(t => t.Key, t => Value<int>(t.Value)));
        Assert.True(Value<long>(simulation["proposed"]!["pointsIssued"]) > held.Issued, "The limits should have withheld points.");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Simulation_pays_challenges_on_purchases_as_the_purchase_path_does(StoreUnderTest store)
    {
        const string challenges = """
            ,"challenges":[{"id":"three-in-30","name":"Three in 30 days","event":"purchase","count":3,"windowDays":30,"repeat":"always","reward":{"points":100}},
                           {"id":"weekly","name":"Two weeks running","event":"purchase","kind":"streak","periodDays":7,"periods":2,"reward":{"points":40,"badge":"steady"}}]}
            """;
        var withChallenges = Program.TrimEnd()[..^1] + challenges.Trim();
        await using var server = await StartAsync(store);
        var end = await LiveThroughHistoryAsync(server, withChallenges);

        var simulation = await server.PostAsync("/v1/program:simulate", $$"""{"program":{{Program}},"to":"{{RewardFixtures.Instant(end)}}"}""", 200);

        var held = await HeldAsync(server);
        var current = simulation["current"]!;
        Assert.True(held.FromChallenges > 0, "The history should complete challenges.");
        Assert.Equal(held.FromChallenges, Value<long>(current["pointsFromChallenges"]));
        Assert.Equal(held.Issued, Value<long>(current["pointsIssued"]));
        Assert.Equal(held.Clawed, Value<long>(current["pointsClawedBack"]));
        Assert.Equal(held.Expired, Value<long>(current["pointsExpired"]));
        Assert.Equal(held.Outstanding, Value<long>(current["outstandingPoints"]));
        Assert.Equal(held.Tiers, current["tierMix"]!.AsObject().ToDictionary(t => t.Key, t => Value<int>(t.Value)));
        Assert.Equal(0, Value<long>(simulation["proposed"]!["pointsFromChallenges"]));
    }

    /// <summary>Puts the program and sends the history, with the jobs run before every event as they would on their schedule.</summary>
    private static async Task<DateTimeOffset> LiveThroughHistoryAsync(TangoServer server, string program)
    {
        await ExpectAsync(await server.PutProgramAsync(program), 200);
        foreach (var step in History())
        {
            server.Clock.SetUtcNow(step.At);
            await server.RunMaintenanceAsync();
            await server.ReviewTiersAsync();
            _ = step.Refund
                ? await server.ReturnAsync(step.Member, step.Order, step.Amount)
                : await server.BuyAsync(step.Member, step.Order, step.Amount, lines: step.Lines);
        }
        var end = server.Clock.GetUtcNow().AddMonths(3);
        server.Clock.SetUtcNow(end);
        await server.RunMaintenanceAsync();
        await server.ReviewTiersAsync();
        return end;
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_proposed_program_is_compared_with_the_current_one_and_nothing_is_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        await server.BuyAsync("ann", "o-1", 1300m);
        await server.BuyAsync("bob", "o-2", 450m);
        var ledgerBefore = (await server.LedgerAsync("ann")).Count;

        var richer = Program.Replace("\"minSpend\":1200", "\"minSpend\":1400", StringComparison.Ordinal)
            .Replace("\"pointsPerUnit\":1,", "\"pointsPerUnit\":2,", StringComparison.Ordinal);
        var simulation = await server.PostAsync("/v1/program:simulate", $$"""{"program":{{richer}}}""", 200);

        Assert.Equal(1300 + 25 + 450 + 25, Value<long>(simulation["current"]!["pointsIssued"]));
        Assert.Equal(2 * 1300 + 25 + 2 * 450 + 25, Value<long>(simulation["proposed"]!["pointsIssued"]));
        var move = Assert.Single(simulation["tierChanges"]!["members"]!.AsArray())!;
        Assert.Equal(("ann", "gold", "silver"), (Value<string>(move["memberId"]), Value<string>(move["current"]), Value<string>(move["proposed"])));
        Assert.Equal(ledgerBefore, (await server.LedgerAsync("ann")).Count);
        Assert.Single((await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions"), 200))["items"]!.AsArray());
        Assert.Equal("gold", await server.StoredTierAsync("ann"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_invalid_proposal_is_refused_naming_each_field_under_program(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/program:simulate", Json("""
            {"program":{"currency":"EUR","earning":{"pointsPerUnit":1},
                        "tiers":[{"id":"a","name":"A","minSpend":100},{"id":"b","name":"B","minSpend":50}],
                        "rewards":[{"id":"r","name":"R","kind":"voucher","costPoints":-1}]},
             "from":"2026-13-01"}
            """));

        var problem = await ExpectProblemAsync(response, 422);
        Assert.Equal(["from", "program.rewards[0].costPoints", "program.rewards[0].kind", "program.tiers[1].minSpend"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    private sealed record Held(long Issued, long Clawed, long Expired, long Outstanding, Dictionary<string, int> Tiers, int MovesDown,
        long FromChallenges);

    /// <summary>What the store holds, read through the API: every member's ledger, balance and tier.</summary>
    private static async Task<Held> HeldAsync(TangoServer server)
    {
        long issued = 0, clawed = 0, expired = 0, outstanding = 0, fromChallenges = 0;
        var movesDown = 0;
        var tiers = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = (await ExpectAsync(await server.Admin.GetAsync("/v1/members?limit=500"), 200))["items"]!.AsArray();
        foreach (var member in members.Select(m => Value<string>(m!["id"])))
        {
            foreach (var line in (await server.LedgerAsync(member)).Where(l => Value<string>(l!["account"]) == "points"))
            {
                var amount = Value<long>(line!["amount"]);
                switch (Value<string>(line["kind"]))
                {
                    case "earn": issued += amount; break;
                    case "challenge": fromChallenges += amount; break;
                    case "clawback": clawed -= amount; break;
                    case "expire": expired -= amount; break;
                }
            }
            outstanding += Math.Max(0, Value<long>((await server.BalanceAsync(member))["points"]));
            var tier = await server.StoredTierAsync(member) ?? "none";
            tiers[tier] = tiers.GetValueOrDefault(tier) + 1;
            var changes = (await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{member}/tier/changes?limit=500"), 200))["items"]!.AsArray();
            movesDown += changes.Count(c => Value<string>(c!["source"]) == "review");
        }
        return new Held(issued, clawed, expired, outstanding, tiers, movesDown, fromChallenges);
    }
}
