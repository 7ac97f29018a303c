using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class ReplenishmentAndReportTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_who_buys_beans_every_month_is_reminded_three_days_before_the_bag_runs_out_and_once(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ivy");
        await server.JoinAsync("max");
        foreach (var daysAgo in new[] { 60, 30, 0 })
        {
            await server.BuyAsync("ivy", $"ivy-{daysAgo}", sku: "beans", at: server.Clock.GetUtcNow().AddDays(-daysAgo));
        }
        await server.BuyAsync("max", "max-1", sku: "beans", at: server.Clock.GetUtcNow().AddDays(-20)); // once: nothing learned
        await server.PutJourneyAsync("restock", """
            {"name":"Restock","enabled":true,"trigger":{"type":"replenishment","skus":["beans"]},
             "steps":[{"id":"nudge","type":"send","channel":"inbox","subject":"Restock {{ replenishment.sku }}",
                       "template":"Bought {{ replenishment.lastPurchasedOn }}, lasts {{ replenishment.periodDays }} days, due {{ replenishment.dueOn }}"}]}
            """);

        server.Clock.Advance(TimeSpan.FromDays(26)); // due in four days
        await server.RunJourneysAsync();
        var early = await server.InboxAsync("ivy");
        server.Clock.Advance(TimeSpan.FromDays(1)); // due in three
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromDays(1));
        await server.RunJourneysAsync();

        Assert.Empty(early);
        var reminder = Assert.Single(await server.InboxAsync("ivy"))!;
        Assert.Equal("Restock beans", Value<string>(reminder["subject"]));
        Assert.Equal("Bought 2026-11-23, lasts 30 days, due 2026-12-23", Value<string>(reminder["body"]));
        Assert.Empty(await server.InboxAsync("max"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_quarterly_report_tells_each_active_member_their_own_quarter_once(StoreUnderTest store)
    {
        // 2026-11-23: the quarter that last ended is 2026-Q3.
        await using var server = await StartAsync(store);
        Assert.Equal(200, (int)(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},"cashback":{"percent":2},
             "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":500}],
             "tierPolicy":{"metric":"spend","windowMonths":12,"downgradeGraceMonths":3},
             "rewards":[{"id":"coffee","name":"Coffee","kind":"product","costPoints":50}]}
            """)).StatusCode);
        await server.JoinAsync("ann");
        await server.JoinAsync("ben");
        var july = new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero);
        await server.BuyAsync("ann", "a-1", price: 100m, at: july);
        await server.BuyAsync("ann", "a-2", price: 60m, at: july.AddDays(30));
        await server.BuyAsync("ann", "a-3", price: 70m, at: new DateTimeOffset(2026, 10, 2, 9, 0, 0, TimeSpan.Zero)); // Q4: not reported
        await server.BuyAsync("ben", "b-1", price: 30m, at: new DateTimeOffset(2026, 6, 30, 9, 0, 0, TimeSpan.Zero)); // Q2: not reported
        await server.PutJourneyAsync("quarterly", """
            {"name":"Quarterly","enabled":true,"trigger":{"type":"value-report"},
             "steps":[{"id":"report","type":"send","channel":"inbox","subject":"Your {{ report.period }}",
                       "template":"{{ report.from }}..{{ report.to }}: {{ report.purchases }} purchases, {{ report.spent }} {{ report.currency }}, {{ report.pointsEarned }} points, {{ report.walletEarned }} cashback. {{ report.tierProgress }}"}]}
            """);

        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromHours(1));
        await server.RunJourneysAsync();

        var report = Assert.Single(await server.InboxAsync("ann"))!;
        Assert.Equal("Your 2026-Q3", Value<string>(report["subject"]));
        Assert.StartsWith("2026-07-01..2026-09-30: 2 purchases, 160 EUR, 160 points, 3.2 cashback. spend 270.00 more", Value<string>(report["body"]), StringComparison.Ordinal);
        Assert.Empty(await server.InboxAsync("ben"));
    }
}
