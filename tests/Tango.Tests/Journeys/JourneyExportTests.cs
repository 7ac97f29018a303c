using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class JourneyExportTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_members_export_lists_the_journeys_they_entered_and_every_message_written_to_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ola");
        await server.PutJourneyAsync("thanks", """
            {"name":"Thanks","enabled":true,"trigger":{"type":"purchase"},
             "steps":[{"id":"note","type":"send","channel":"inbox","subject":"Thanks","template":"Thanks for {{ order.id }}"}]}
            """);
        await server.BuyAsync("ola", "o-1");
        await server.RunJourneysAsync();

        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ola/export"), 200);

        var journey = Assert.Single(export["journeys"]!.AsArray())!;
        Assert.Equal("thanks", Value<string>(journey["journey"]));
        Assert.Equal("order:o-1", Value<string>(journey["occasion"]));
        var message = Assert.Single(export["messages"]!.AsArray())!;
        Assert.Equal("inbox", Value<string>(message["channel"]));
        Assert.Equal("Thanks for o-1", Value<string>(message["body"]));
        Assert.Equal("sent", Value<string>(message["status"]));
    }
}
