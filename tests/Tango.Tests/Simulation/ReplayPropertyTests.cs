using System.Globalization;
using CsCheck;
using Tango.Tests.Harness;
using Tango.Tests.Rewards;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Simulation;

/// <summary>
/// The simulation folds the write path's own purchase decision over history, so for any program and any history, replaying
/// what the API was sent under the program it ran gives exactly what the API wrote: points earned, clawed back, expired and
/// outstanding, challenge and referral points, cashback and the tier mix.
/// </summary>
public sealed class ReplayPropertyTests
{
    /// <summary>A program drawn from the features a purchase's decision weighs.</summary>
    private sealed record ProgramCase(int PointsPerUnit, bool Rules, bool Tiers, int ExpiryMonths, int PerDay, int PerMonth, int Cashback,
        bool Challenge, int PendingDays, bool Referral)
    {
        public string Json()
        {
            var earning = new List<string> { $"\"pointsPerUnit\":{PointsPerUnit}", "\"rounding\":\"down\"" };
            if (Rules)
            {
                earning.Add("""
                    "rules":[{"id":"coffee","when":{"categories":["coffee"]},"multiplier":2},{"id":"big","when":{"minTotal":150},"bonusPoints":25}]
                    """.Trim());
            }
            if (PerDay > 0 || PerMonth > 0)
            {
                var caps = new List<string>();
                if (PerDay > 0)
                {
                    caps.Add($"\"perDay\":{PerDay}");
                }
                if (PerMonth > 0)
                {
                    caps.Add($"\"perMonth\":{PerMonth}");
                }
                earning.Add($"\"limits\":{{{string.Join(',', caps)}}}");
            }
            if (PendingDays > 0)
            {
                earning.Add($"\"pendingDays\":{PendingDays}");
            }
            var parts = new List<string> { "\"currency\":\"EUR\"", $"\"earning\":{{{string.Join(',', earning)}}}" };
            if (ExpiryMonths > 0)
            {
                parts.Add($"\"expiry\":{{\"months\":{ExpiryMonths}}}");
            }
            if (Tiers)
            {
                parts.Add("""
                    "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":300,"multiplier":1.25},
                             {"id":"gold","name":"Gold","minSpend":900,"multiplier":1.5}],
                    "tierPolicy":{"metric":"spend","windowMonths":3,"downgradeGraceMonths":1}
                    """.Trim());
            }
            if (Cashback > 0)
            {
                parts.Add($"\"cashback\":{{\"percent\":{Cashback}}}");
            }
            if (Challenge)
            {
                parts.Add("""
                    "challenges":[{"id":"three","name":"Three in 20 days","event":"purchase","count":3,"windowDays":20,"repeat":"always","reward":{"points":50}}]
                    """.Trim());
            }
            if (Referral)
            {
                parts.Add("""
                    "referral":{"referrerPoints":100,"friendPoints":50,"minFirstPurchase":40,"maxRewardsPerMonth":1,"refundWindowDays":14}
                    """.Trim());
            }
            return "{" + string.Join(',', parts) + "}";
        }
    }

    /// <summary>One step of a history: hours after the step before, by member n; a purchase, or a refund of a share of an earlier order.</summary>
    private sealed record StepCase(int Hours, int Member, int Euros, int Coffee, bool Refund, int Percent, int Pick);

    private static readonly Gen<ProgramCase> Programs =
        Gen.Select(Gen.Int[1, 3], Gen.Bool, Gen.Bool, Gen.OneOf(0, 3, 6), Gen.OneOf(0, 0, 150), Gen.OneOf(0, 0, 600),
                Gen.OneOf(0, 0, 2, 5), Gen.Bool)
            .Select(Gen.OneOf(0, 0, 7), Gen.Bool,
                (p, pending, referral) => new ProgramCase(p.Item1, p.Item2, p.Item3, p.Item4, p.Item5, p.Item6, p.Item7, p.Item8, pending, referral));

    private static readonly Gen<StepCase> Steps =
        Gen.Select(Gen.Int[1, 120], Gen.Int[0, 3], Gen.Int[5, 320], Gen.Int[0, 40], Gen.Int[0, 5], Gen.Int[20, 100], Gen.Int[0, 50])
            .Select(s => new StepCase(s.Item1, s.Item2, s.Item3, s.Item4, s.Item5 == 0, s.Item6, s.Item7));

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Replaying_any_history_under_its_program_gives_what_the_api_wrote(StoreUnderTest store)
    {
        await Gen.Select(Programs, Steps.List[15, 40]).SampleAsync(async (program, steps) =>
        {
            await using var server = await StartAsync(store);
            var end = await LiveThroughAsync(server, program, steps);

            var sent = (await ExpectAsync(await server.Admin.GetAsync("/v1/program"), 200)).ToJsonString();
            var simulation = await server.PostAsync("/v1/program:simulate", $$"""{"program":{{sent}},"to":"{{RewardFixtures.Instant(end)}}"}""", 200);

            var held = await HeldAsync(server);
            var replayed = simulation["current"]!;
            Assert.Equal(held, new Held(Value<long>(replayed["pointsIssued"]), Value<long>(replayed["pointsClawedBack"]),
                Value<long>(replayed["pointsExpired"]), Value<long>(replayed["outstandingPoints"]), Value<long>(replayed["pointsFromChallenges"]),
                Value<decimal>(replayed["cashbackIssued"]), Value<decimal>(replayed["cashbackClawedBack"]), Value<long>(replayed["pointsFromReferrals"]),
                Tiers(replayed["tierMix"]!.AsObject().Select(t => (t.Key, Value<int>(t.Value))))));
        }, iter: 6, threads: 1, print: sample => sample.Item1.Json() + " / " + string.Join(' ', sample.Item2));
    }

    /// <summary>Puts the program and sends the history, with the jobs run before every event as they would on their schedule.</summary>
    private static async Task<DateTimeOffset> LiveThroughAsync(TangoServer server, ProgramCase program, IReadOnlyList<StepCase> steps)
    {
        await ExpectAsync(await server.PutProgramAsync(program.Json()), 200);
        if (program.Referral)
        {
            await SignUpAsync(server);
        }
        var orders = new List<(string Member, string Order, decimal Left)>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            server.Clock.Advance(TimeSpan.FromHours(step.Hours));
            await server.RunMaintenanceAsync();
            await server.ReviewTiersAsync();
            if (step.Refund && orders.Count > 0)
            {
                var k = step.Pick % orders.Count;
                var (owner, order, left) = orders[k];
                var amount = Math.Min(left, Math.Round(left * step.Percent / 100m, 2));
                if (amount > 0)
                {
                    await server.ReturnAsync(owner, order, amount);
                    orders[k] = (owner, order, left - amount);
                }
                continue;
            }
            var member = $"m-{step.Member}";
            var coffee = Math.Min(step.Coffee, step.Euros);
            // Now and then a card both sides of a referral paid with: a self-referral.
            var card = step.Coffee % 5 == 0 ? "card-shared" : $"card-{member}";
            var lines = $$""","paymentFingerprint":"{{card}}","lines":[{"sku":"beans","category":"coffee","quantity":1,"unitPrice":{{coffee}}},{"sku":"mill","quantity":1,"unitPrice":{{step.Euros - coffee}}}]""";
            await server.BuyAsync(member, $"o-{i}", step.Euros, lines: lines);
            orders.Add((member, $"o-{i}", step.Euros));
        }
        var end = server.Clock.GetUtcNow().AddMonths(4);
        server.Clock.SetUtcNow(end);
        await server.RunMaintenanceAsync();
        await server.ReviewTiersAsync();
        return end;
    }

    /// <summary>
    /// m-0 refers m-1 and m-3 (the cap of one a month makes the second wait or be refused); every member buys once first
    /// (below the minimum), so all four are members with a tier on both sides.
    /// </summary>
    private static async Task SignUpAsync(TangoServer server)
    {
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"m-0","email":"m-0@example.com"}""")), 201);
        var code = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/m-0/referral"), 200))["code"]);
        foreach (var (friend, referred) in new[] { ("m-1", true), ("m-2", false), ("m-3", true) })
        {
            var by = referred ? $$""","referredByCode":"{{code}}" """ : "";
            await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"{{friend}}","email":"{{friend}}@example.com"{{by}}}""")), 201);
        }
        for (var m = 0; m < 4; m++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(1));
            await server.BuyAsync($"m-{m}", $"first-{m}", 5m);
        }
    }

    private sealed record Held(long Issued, long Clawed, long Expired, long Outstanding, long FromChallenges, decimal Cashback,
        decimal CashbackClawed, long FromReferrals, string Tiers);

    private static string Tiers(IEnumerable<(string Tier, int Members)> mix) =>
        string.Join(',', mix.OrderBy(t => t.Tier, StringComparer.Ordinal).Select(t => $"{t.Tier}:{t.Members}"));

    /// <summary>What the store holds, read through the API: every member's ledger, balance and tier.</summary>
    private static async Task<Held> HeldAsync(TangoServer server)
    {
        long issued = 0, clawed = 0, expired = 0, outstanding = 0, fromChallenges = 0, fromReferrals = 0;
        decimal cashback = 0, cashbackClawed = 0;
        var tiers = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = (await ExpectAsync(await server.Admin.GetAsync("/v1/members?limit=500"), 200))["items"]!.AsArray();
        foreach (var member in members.Select(m => Value<string>(m!["id"])))
        {
            foreach (var line in (await server.LedgerAsync(member)).Select(l => l!))
            {
                var amount = Decimal.Parse(line["amount"]!.ToJsonString(), CultureInfo.InvariantCulture);
                switch ((Value<string>(line["account"]), Value<string>(line["kind"])))
                {
                    case ("points", "earn"): issued += (long)amount; break;
                    case ("points", "challenge"): fromChallenges += (long)amount; break;
                    case ("points", "clawback"): clawed -= (long)amount; break;
                    case ("points", "expire"): expired -= (long)amount; break;
                    case ("points", "referral" or "referral-reversal"): fromReferrals += (long)amount; break;
                    case ("wallet", "cashback"): cashback += amount; break;
                    case ("wallet", "clawback"): cashbackClawed -= amount; break;
                }
            }
            outstanding += Math.Max(0, Value<long>((await server.BalanceAsync(member))["points"]));
            var tier = await server.StoredTierAsync(member) ?? "none";
            tiers[tier] = tiers.GetValueOrDefault(tier) + 1;
        }
        return new Held(issued, clawed, expired, outstanding, fromChallenges, cashback, cashbackClawed, fromReferrals,
            Tiers(tiers.Select(t => (t.Key, t.Value))));
    }
}
