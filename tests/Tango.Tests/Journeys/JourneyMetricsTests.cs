using Tango.Tests.Harness;
using Tango.Tests.Operations;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

[Collection(MetricsCollection.Name)]
public sealed class JourneyMetricsTests
{
    [Fact]
    public async Task Metrics_show_journey_sends_by_channel_and_the_outbox_depth()
    {
        // Email without an SMTP server stays queued: that is outbox depth.
        await using var server = await StartAsync(StoreUnderTest.Sqlite);
        await server.JoinAsync("max");
        await server.PutJourneyAsync("both", $$"""
            {"name":"Both","enabled":true,"trigger":{"type":"purchase"},
             "steps":[{"id":"note","type":"send","channel":"inbox","template":"Thanks"},{{EmailStep("mail", "Thanks")}}]}
            """);
        await server.BuyAsync("max", "o-1");
        await server.RunJourneysAsync();
        using var anonymous = server.Client(null);

        var text = await (await anonymous.GetAsync("/metrics")).Content.ReadAsStringAsync();

        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("tango_journey_sends_total{", StringComparison.Ordinal) && l.Contains("channel=\"inbox\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tango_outbox_depth{", StringComparison.Ordinal) && l.Contains("channel=\"email\"", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith(" 1", StringComparison.Ordinal));
    }
}
