using Tango.Tests.Harness;
using Tango.Tests.Rewards;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Tiers;

public sealed class TierTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_moves_up_on_the_qualifying_purchase_and_not_before(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);

        var first = await server.BuyAsync("ann", "o-1", 499.99m);
        var second = await server.BuyAsync("ann", "o-2", 0.01m);

        Assert.Equal("bronze", Value<string>(first["tier"]!["after"]));
        Assert.Equal(("bronze", "silver"), (Value<string>(second["tier"]!["before"]), Value<string>(second["tier"]!["after"])));
        var tier = await server.TierAsync("ann");
        Assert.Equal("silver", Value<string>(tier["tier"]));
        Assert.Equal(Start, Value<DateTimeOffset>(tier["since"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_tier_shows_progress_to_the_next_with_the_date_it_must_happen_by(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        await server.BuyAsync("bo", "o-1", 1000m, Start.AddMonths(-8));
        await server.BuyAsync("bo", "o-2", 380m, Start.AddMonths(-2));

        var tier = await server.TierAsync("bo");

        Assert.Equal("silver", Value<string>(tier["tier"]));
        Assert.Equal(Start.AddMonths(-8).AddYears(1), Value<DateTimeOffset>(tier["qualifiedUntil"]));
        var progress = tier["progress"]!;
        Assert.Equal(("gold", "spend", 1380m, 120m), (Value<string>(progress["nextTier"]), Value<string>(progress["metric"]),
            Value<decimal>(progress["current"]), Value<decimal>(progress["needed"])));
        Assert.Equal(Start.AddMonths(4), Value<DateTimeOffset>(progress["by"]));
        Assert.Equal("spend 120.00 more by 2027-03-23 to reach Gold", Value<string>(progress["text"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_top_tier_shows_progress_with_no_next_tier_and_what_keeps_it_before_it_lapses(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        await server.BuyAsync("gil", "o-1", 1000m, Start.AddMonths(-8));
        await server.BuyAsync("gil", "o-2", 600m, Start.AddMonths(-2));

        var tier = await server.TierAsync("gil");

        Assert.Equal("gold", Value<string>(tier["tier"]));
        Assert.Equal(Start.AddMonths(4), Value<DateTimeOffset>(tier["qualifiedUntil"]));
        var progress = tier["progress"]!;
        Assert.True(progress.AsObject().TryGetPropertyValue("nextTier", out var next) && next is null, progress.ToJsonString());
        Assert.Equal(("spend", 1600m, 0m), (Value<string>(progress["metric"]), Value<decimal>(progress["current"]), Value<decimal>(progress["needed"])));
        // When o-1 drops out of the window, o-2's 600 is left: 900 more before then holds Gold on.
        var keep = tier["toKeep"]!;
        Assert.Equal((900m, Start.AddMonths(4)), (Value<decimal>(keep["needed"]), Value<DateTimeOffset>(keep["by"])));
        Assert.Equal("spend 900.00 more by 2027-03-23 to keep Gold", Value<string>(keep["text"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task In_the_grace_after_qualifying_the_tier_is_kept_by_qualifying_again_before_the_grace_ends(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        await server.BuyAsync("hal", "o-1", 1600m);
        server.Clock.Advance(TimeSpan.FromDays(365 + 30));

        var tier = await server.TierAsync("hal");

        Assert.Equal("gold", Value<string>(tier["tier"]));
        var keep = tier["toKeep"]!;
        Assert.Equal((1500m, Start.AddYears(1).AddMonths(3)), (Value<decimal>(keep["needed"]), Value<DateTimeOffset>(keep["by"])));
        Assert.Null(tier["progress"]!["nextTier"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_review_moves_a_member_down_only_after_the_grace_and_records_why(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        await server.BuyAsync("cy", "o-1", 1600m);

        // The order drops out of the 12-month window a year on; the grace of 3 months runs after that.
        server.Clock.Advance(TimeSpan.FromDays(365 + 89));
        await server.ReviewTiersAsync();
        var inGrace = await server.StoredTierAsync("cy");
        server.Clock.SetUtcNow(Start.AddYears(1).AddMonths(3));
        await server.ReviewTiersAsync();

        Assert.Equal("gold", inGrace);
        Assert.Equal("bronze", await server.StoredTierAsync("cy"));
        var changes = (await ExpectAsync(await server.Admin.GetAsync("/v1/members/cy/tier/changes"), 200))["items"]!.AsArray();
        var down = changes[0]!;
        Assert.Equal(("gold", "bronze", "review"), (Value<string>(down["from"]), Value<string>(down["to"]), Value<string>(down["source"])));
        Assert.Equal("no longer qualifies for Gold since 2027-11-23; the 3 months' grace ended 2028-02-23", Value<string>(down["reason"]));
        // The move up a purchase made is recorded too, at the purchase.
        var up = changes[1]!;
        Assert.Equal(("bronze", "gold", "purchase"), (Value<string>(up["from"]), Value<string>(up["to"]), Value<string>(up["source"])));
        Assert.Equal(Start, Value<DateTimeOffset>(up["at"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_new_tier_table_re_evaluates_members_at_review_and_keeps_their_history(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        await server.BuyAsync("di", "o-1", 1200m);
        await server.ReviewTiersAsync();

        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram.Replace("\"minSpend\":1500", "\"minSpend\":1000",
            StringComparison.Ordinal)), 200);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.ReviewTiersAsync();

        Assert.Equal("gold", await server.StoredTierAsync("di"));
        var changes = (await ExpectAsync(await server.Admin.GetAsync("/v1/members/di/tier/changes"), 200))["items"]!.AsArray();
        Assert.Equal(["gold", "silver"], changes.Select(c => Value<string>(c!["to"])));
        Assert.Equal(2, Value<int>(changes[0]!["programVersion"]));
        Assert.StartsWith("qualifies for Gold: 1200.00 EUR spent", Value<string>(changes[0]!["reason"]), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_tier_table_with_overlapping_thresholds_or_an_unknown_metric_is_refused_naming_each_field(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},
             "tiers":[{"id":"a","name":"A","minSpend":0},{"id":"b","name":"B","minSpend":500},{"id":"c","name":"C","minSpend":500},
                      {"id":"d","name":"D","minSpend":-1}],
             "tierPolicy":{"metric":"visits","windowMonths":12}}
            """);

        var problem = await ExpectProblemAsync(response, 422);
        Assert.Equal(["tierPolicy.metric", "tiers[2].minSpend", "tiers[3].minSpend"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions"), 200))["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_member_has_no_tier(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/nobody/tier"), 404);
    }
}
