using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using Tango.Tests.Referrals;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Challenges;

public sealed class ChallengeTests
{
    private const string Program = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
         "challenges":[
           {"id":"three-in-a-month","name":"Three visits in 30 days","event":"purchase","count":3,"windowDays":30,"reward":{"points":100,"badge":"regular"}},
           {"id":"weekly","name":"Every week for 4 weeks","event":"purchase","kind":"streak","periodDays":7,"periods":4,"reward":{"points":250,"badge":"habit"}},
           {"id":"reviewer","name":"Two reviews in 30 days","event":"custom.review","count":2,"windowDays":30,"repeat":"always","reward":{"points":50}}]}
        """;

    private static readonly DateTimeOffset Week1 = new(2026, 9, 7, 12, 0, 0, TimeSpan.Zero); // a Monday, well before the server's clock

    private static async Task<TangoServer> StartWithChallengesAsync(StoreUnderTest store)
    {
        var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        return server;
    }

    private static JsonNode? Step(JsonObject answer, string challenge) =>
        answer["achievements"]!.AsArray().SingleOrDefault(a => Value<string>(a!["challengeId"]) == challenge);

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_third_purchase_in_30_days_completes_the_challenge_once_with_its_points_and_badge(StoreUnderTest store)
    {
        await using var server = await StartWithChallengesAsync(store);

        var first = await server.BuyAsync("ann", "o-1", 10m, Week1);
        var second = await server.BuyAsync("ann", "o-2", 10m, Week1.AddDays(1));
        var third = await server.BuyAsync("ann", "o-3", 10m, Week1.AddDays(2), key: "o-3");
        var replay = await ExpectAsync(await server.PostEventAsync(ReferralFixtures.PurchaseJson("ann", "o-3", 10m, Week1.AddDays(2)), "o-3"), 200);
        var fourth = await server.BuyAsync("ann", "o-4", 10m, Week1.AddDays(3));

        Assert.Equal(("advanced", 1), (Value<string>(Step(first, "three-in-a-month")!["status"]), Value<int>(Step(first, "three-in-a-month")!["progress"])));
        Assert.Equal(2, Value<int>(Step(second, "three-in-a-month")!["progress"]));
        var done = Step(third, "three-in-a-month")!;
        Assert.Equal(("completed", 100L, "regular"), (Value<string>(done["status"]), Value<long>(done["points"]), Value<string>(done["badge"])));
        Assert.Equal(10, Value<long>(third["pointsEarned"]));
        Assert.Equal(130, Value<long>(third["balance"]));
        Assert.Equal(third.ToJsonString(), replay.ToJsonString());
        Assert.Null(Step(fourth, "three-in-a-month"));
        Assert.Equal(140, await server.PointsAsync("ann"));
        var line = Assert.Single(await server.LedgerAsync("ann"), l => Value<string>(l!["kind"]) == "challenge")!;
        Assert.Equal(("three-in-a-month", 100L), (Value<string>(line["ruleId"]), Value<long>(line["amount"])));

        var achievements = await server.AchievementsAsync("ann");
        var badge = Assert.Single(achievements["badges"]!.AsArray())!;
        Assert.Equal(("regular", "2026-09-09T12:00:00Z"), (Value<string>(badge["badge"]), Value<string>(badge["earnedAt"])));
        var challenge = achievements["challenges"]!.AsArray().Single(c => Value<string>(c!["id"]) == "three-in-a-month")!;
        Assert.Equal(("completed", 1L), (Value<string>(challenge["status"]), Value<long>(challenge["completions"])));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_four_week_streak_broken_in_week_3_restarts_and_completes_four_weeks_later(StoreUnderTest store)
    {
        await using var server = await StartWithChallengesAsync(store);
        var weeks = new[] { 0, 1, 3, 4, 5, 6 }; // nothing in week 3 (index 2)

        var answers = new List<JsonObject>();
        for (var i = 0; i < weeks.Length; i++)
        {
            answers.Add(await server.BuyAsync("bo", $"o-{i}", 5m, Week1.AddDays((7 * weeks[i]) + (i % 3))));
        }

        var progress = answers.Select(a => Step(a, "weekly")!).Select(s => (Value<string>(s["status"]), Value<int>(s["progress"]))).ToList();
        Assert.Equal([("advanced", 1), ("advanced", 2), ("advanced", 1), ("advanced", 2), ("advanced", 3), ("completed", 4)], progress);
        Assert.Equal(250, Value<long>(Step(answers[^1], "weekly")!["points"]));
        var badges = (await server.AchievementsAsync("bo"))["badges"]!.AsArray().Select(b => Value<string>(b!["badge"])).Order().ToList();
        Assert.Equal(["habit", "regular"], badges);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_imported_late_completes_the_streak_in_the_week_where_it_happened(StoreUnderTest store)
    {
        await using var server = await StartWithChallengesAsync(store);
        await server.BuyAsync("cy", "o-1", 5m, Week1);
        await server.BuyAsync("cy", "o-2", 5m, Week1.AddDays(7));
        await server.BuyAsync("cy", "o-4", 5m, Week1.AddDays(21)); // completes three-in-a-month (days 0, 7, 21)
        await server.BuyAsync("cy", "o-5", 5m, Week1.AddDays(45));
        Assert.Equal(1, Value<int>(Step(await server.BuyAsync("cy", "o-6", 5m, Week1.AddDays(46)), "weekly")!["progress"]));

        var late = await server.BuyAsync("cy", "o-3", 5m, Week1.AddDays(16)); // week 3, which was missing

        var streak = Step(late, "weekly")!;
        Assert.Equal(("completed", 4), (Value<string>(streak["status"]), Value<int>(streak["progress"])));
        Assert.Null(Step(late, "three-in-a-month"));
        Assert.Equal((6 * 5) + 100 + 250, await server.PointsAsync("cy"));
        var completions = (await server.AchievementsAsync("cy"))["completions"]!.AsArray();
        Assert.Equal(["weekly", "three-in-a-month"], completions.Select(c => Value<string>(c!["challengeId"])));
        Assert.True(Value<long>(completions[0]!["completionId"]) > Value<long>(completions[1]!["completionId"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_imported_late_completes_the_count_challenge_in_the_window_where_it_happened(StoreUnderTest store)
    {
        await using var server = await StartWithChallengesAsync(store);
        await server.BuyAsync("dan", "o-1", 5m, Week1);
        await server.BuyAsync("dan", "o-3", 5m, Week1.AddDays(20));
        var after = await server.BuyAsync("dan", "o-4", 5m, Week1.AddDays(40));
        Assert.Equal(2, Value<int>(Step(after, "three-in-a-month")!["progress"])); // days 20 and 40

        var late = await server.BuyAsync("dan", "o-2", 5m, Week1.AddDays(10));

        Assert.Equal("completed", Value<string>(Step(late, "three-in-a-month")!["status"])); // days 0, 10 and 20
        Assert.Equal("advanced", Value<string>(Step(late, "weekly")!["status"]));
        Assert.Equal((4 * 5) + 100, await server.PointsAsync("dan"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_repeating_challenge_on_a_custom_event_pays_every_time_it_is_completed_again(StoreUnderTest store)
    {
        await using var server = await StartWithChallengesAsync(store);
        async Task<JsonObject> ReviewAsync(int day, string key) => await ExpectAsync(await server.PostEventAsync($$$"""
            {"type":"custom.review","memberId":"dee","occurredAt":"{{{Rewards.RewardFixtures.Instant(Week1.AddDays(day))}}}","data":{"stars":5}}
            """, key), 200);

        var one = await ReviewAsync(0, "r-1");
        var two = await ReviewAsync(3, "r-2");
        var twoAgain = await ReviewAsync(3, "r-2");
        var three = await ReviewAsync(4, "r-3");
        var four = await ReviewAsync(40, "r-4");
        var five = await ReviewAsync(41, "r-5");

        Assert.Equal("advanced", Value<string>(Step(one, "reviewer")!["status"]));
        Assert.Equal("completed", Value<string>(Step(two, "reviewer")!["status"]));
        Assert.Equal(two.ToJsonString(), twoAgain.ToJsonString());
        Assert.Equal(("advanced", 1), (Value<string>(Step(three, "reviewer")!["status"]), Value<int>(Step(three, "reviewer")!["progress"])));
        Assert.Equal("advanced", Value<string>(Step(four, "reviewer")!["status"]));
        Assert.Equal(50, Value<long>(Assert.Single(five["rewards"]!.AsArray())!["points"]));
        Assert.Equal(100, await server.PointsAsync("dee"));
        var reviewer = (await server.AchievementsAsync("dee"))["challenges"]!.AsArray().Single(c => Value<string>(c!["id"]) == "reviewer")!;
        Assert.Equal(2, Value<long>(reviewer["completions"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Purchases_of_one_member_in_one_batch_complete_the_challenge_once(StoreUnderTest store)
    {
        await using var server = await StartWithChallengesAsync(store);
        var items = new JsonArray();
        for (var i = 0; i < 5; i++)
        {
            var item = JsonNode.Parse(ReferralFixtures.PurchaseJson("eve", $"o-{i}", 10m, Week1.AddDays(i)))!.AsObject();
            item["idempotencyKey"] = $"k-{i}";
            items.Add(item);
        }

        var answer = await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(items.ToJsonString())), 200);

        var statuses = answer["results"]!.AsArray().Select(r => Step(r!["result"]!.AsObject(), "three-in-a-month")?["status"]?.GetValue<string>()).ToList();
        Assert.Equal(["advanced", "advanced", "completed", null, null], statuses);
        Assert.Equal(50 + 100, await server.PointsAsync("eve"));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Bad_challenge_and_referral_fields_are_422s_that_name_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var problem = await ExpectProblemAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},"referral":{"referrerPoints":1,"refundWindowDays":0},
             "challenges":[{"id":"s","name":"S","event":"purchase","kind":"streak","periodDays":7},
                           {"id":"c","name":"C","event":"refund","windowDays":3,"repeat":"sometimes"}]}
            """), 422);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["challenges[0].periods", "challenges[1].event", "challenges[1].repeat", "referral.refundWindowDays"], errors);
    }
}
