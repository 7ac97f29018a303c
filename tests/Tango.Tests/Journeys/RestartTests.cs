using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class RestartTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_restart_between_two_steps_loses_nothing_and_repeats_nothing(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var location = await TestStore.CreateAsync(store);
        await using (var before = await StartOnAsync(location, Start, "--smtp", smtp.Url))
        {
            await before.JoinAsync("noor");
            await before.PutJourneyAsync("two-steps", $$"""
                {"name":"Two steps","enabled":true,"trigger":{"type":"purchase"},
                 "steps":[{{EmailStep("first", "First")}},{"id":"pause","type":"wait","duration":"P1D"},{{EmailStep("second", "Second")}}]}
                """);
            await before.BuyAsync("noor", "o-1");
            await before.RunJourneysAsync();
            await before.RunJourneysAsync();
        }
        var afterFirstLife = smtp.Messages().Count;

        await using var after = await StartOnAsync(location, Start.AddDays(1), "--smtp", smtp.Url);
        await after.RunJourneysAsync();
        await after.RunJourneysAsync();
        after.Clock.Advance(TimeSpan.FromDays(1));
        await after.RunJourneysAsync();

        Assert.Equal(1, afterFirstLife);
        Assert.Equal(["First", "Second"], smtp.Messages().Select(m => m.Subject));
        Assert.Equal("completed", Value<string>(Assert.Single(await after.JourneysOfAsync("noor"))!["status"]));
        Assert.Equal(2, Value<long>((await after.ReportAsync("two-steps"))["sent"]));
    }
}
