using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class ReactivationTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_whose_rfm_segment_has_lapsed_enters_the_reactivation_journey_once_and_active_ones_do_not(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("gone");
        await server.BuyAsync("gone", "old-1", at: Start.AddDays(-300));
        foreach (var id in new[] { "r-1", "r-2", "r-3", "r-4" })
        {
            await server.JoinAsync(id);
            await server.BuyAsync(id, $"{id}-a", at: Start.AddDays(-20));
            await server.BuyAsync(id, $"{id}-b", at: Start.AddDays(-2));
        }
        await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        await server.PutJourneyAsync("win-back", """
            {"name":"Win back","enabled":true,"trigger":{"type":"reactivation","segments":["lost","hibernating"]},
             "steps":[{"id":"miss-you","type":"send","channel":"inbox","template":"We miss you. You still have {{ balance.points }} points."}]}
            """);

        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        await server.RunJourneysAsync();

        var segment = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/gone/insights"), 200))["rfm"]!["segment"]);
        Assert.Contains(segment, new[] { "lost", "hibernating" });
        Assert.Equal("We miss you. You still have 20 points.", Value<string>(Assert.Single(await server.InboxAsync("gone"))!["body"]));
        Assert.Single(await server.JourneysOfAsync("gone")); // a day later the 90-day re-entry rule keeps it at one
        Assert.Empty(await server.InboxAsync("r-1"));
        Assert.Equal(1, Value<long>((await server.ReportAsync("win-back"))["entered"]));
    }
}
