using Tango.Tests.Events;
using Tango.Tests.Harness;
using Tango.Tests.Rewards;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Tiers;

/// <summary>A tier says where a member stands today, however old the orders that were imported.</summary>
public sealed class TierHistoryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task After_an_import_of_old_history_a_member_holds_the_tier_todays_window_gives(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        var longAgo = new DateTimeOffset(2011, 6, 1, 9, 0, 0, TimeSpan.Zero);

        var ann = await HistoryTests.ImportAsync(server, ("ann", "a-1", 1000m, longAgo), ("ann", "a-2", 1000m, longAgo.AddMonths(1)));
        var bo = await HistoryTests.ImportAsync(server, ("bo", "b-1", 1600m, Start.AddMonths(-3)));

        // All of ann's spend is from 2011: nothing of it is in today's 12 months.
        Assert.All(ann, r => Assert.Equal("bronze", Value<string>(r!["result"]!["tier"]!["after"])));
        var annTier = await server.TierAsync("ann");
        Assert.Equal(("bronze", 0m), (Value<string>(annTier["tier"]), Value<decimal>(annTier["current"])));
        Assert.Null(annTier["qualifiedUntil"]);
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/tier/changes"), 200))["items"]!.AsArray());
        // bo's order of three months ago counts today, and the move is dated when it was judged.
        Assert.Equal("gold", Value<string>(bo[0]!["result"]!["tier"]!["after"]));
        var boTier = await server.TierAsync("bo");
        Assert.Equal(("gold", Start), (Value<string>(boTier["tier"]), Value<DateTimeOffset>(boTier["since"])));
        Assert.Equal(Start.AddMonths(-3).AddYears(1), Value<DateTimeOffset>(boTier["qualifiedUntil"]));
        Assert.False(Value<bool>(boTier["inGrace"]));

        await server.ReviewTiersAsync();
        Assert.Equal("bronze", await server.StoredTierAsync("ann"));
        Assert.Equal("gold", await server.StoredTierAsync("bo"));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_tier_answer_says_when_a_tier_holds_only_by_its_grace_and_never_shows_one_whose_grace_is_over(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(RewardFixtures.TieredProgram), 200);
        await server.BuyAsync("cy", "c-1", 1600m);

        server.Clock.SetUtcNow(Start.AddYears(1).AddMonths(1));
        var inGrace = await server.TierAsync("cy");
        server.Clock.SetUtcNow(Start.AddYears(2));
        var over = await server.TierAsync("cy");
        var storedBeforeReview = await server.StoredTierAsync("cy");

        Assert.Equal(("gold", true), (Value<string>(inGrace["tier"]), Value<bool>(inGrace["inGrace"])));
        Assert.Equal(Start.AddYears(1), Value<DateTimeOffset>(inGrace["qualifiedUntil"]));
        Assert.Equal(Start.AddYears(1).AddMonths(3), Value<DateTimeOffset>(inGrace["graceUntil"]));
        // The review has not run yet, but the answer already says where today's window puts the member.
        Assert.Equal("gold", storedBeforeReview);
        Assert.Equal(("bronze", false), (Value<string>(over["tier"]), Value<bool>(over["inGrace"])));
        Assert.Null(over["qualifiedUntil"]);
        await server.ReviewTiersAsync();
        Assert.Equal("bronze", await server.StoredTierAsync("cy"));
    }
}
