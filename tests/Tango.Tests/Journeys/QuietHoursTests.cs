using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class QuietHoursTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_send_due_in_the_members_quiet_hours_is_held_until_their_morning_then_delivered(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        // 22:30 UTC is 23:30 in Berlin (UTC+1 in November): inside 21:00-08:00 there.
        await using var server = await StartAsync(store, new DateTimeOffset(2026, 11, 23, 22, 30, 0, TimeSpan.Zero), "--smtp", smtp.Url);
        await server.JoinAsync("jonas", timeZone: "Europe/Berlin");
        await server.PutJourneyAsync("thanks", $$"""
            {"name":"Thanks","enabled":true,"trigger":{"type":"purchase"},"quietHours":{"start":"21:00","end":"08:00"},
             "steps":[{{EmailStep("thanks", "Thank you for order {{ order.id }}")}}]}
            """);
        await server.BuyAsync("jonas", "late-order");

        await server.RunJourneysAsync();
        var atNight = smtp.Messages().Count;
        var held = Assert.Single(await server.JourneysOfAsync("jonas"))!;
        server.Clock.Advance(TimeSpan.FromMinutes(8 * 60 + 29)); // 06:59 UTC, 07:59 in Berlin
        await server.RunJourneysAsync();
        var beforeMorning = smtp.Messages().Count;
        server.Clock.Advance(TimeSpan.FromMinutes(1)); // 08:00 in Berlin
        await server.RunJourneysAsync();

        Assert.Equal(0, atNight);
        Assert.Equal("active", Value<string>(held["status"]));
        Assert.Equal("2026-11-24T07:00:00Z", Value<string>(held["nextStepAt"]));
        Assert.Equal(0, beforeMorning);
        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("Thank you for order late-order", mail.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero), mail.Date.ToUniversalTime());
        Assert.Equal("completed", Value<string>(Assert.Single(await server.JourneysOfAsync("jonas"))!["status"]));
    }
}
