using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class FrequencyCapTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_marketing_send_over_the_members_frequency_cap_is_skipped_and_the_report_says_why(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await server.JoinAsync("mia");
        await server.PutJourneyAsync("thanks", $$"""
            {"name":"Thanks","enabled":true,"trigger":{"type":"purchase"},"frequencyCap":{"max":1,"perDays":7},
             "steps":[{{EmailStep("thanks", "Thank you for order {{ order.id }}")}}]}
            """);

        await server.BuyAsync("mia", "o-1");
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromDays(2));
        await server.BuyAsync("mia", "o-2");
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromDays(6)); // 8 days after the first mail: the cap has room again
        await server.BuyAsync("mia", "o-3");
        await server.RunJourneysAsync();
        var report = await server.ReportAsync("thanks");

        Assert.Equal(["Thank you for order o-1", "Thank you for order o-3"], smtp.Messages().Select(m => m.Subject));
        Assert.Equal(3, Value<long>(report["entered"]));
        Assert.Equal(2, Value<long>(report["sent"]));
        Assert.Equal(1, Value<long>(report["skipped"]!["frequency-cap"]));
    }
}
