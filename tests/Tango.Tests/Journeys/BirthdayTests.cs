using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class BirthdayTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_birthday_is_celebrated_where_it_is_already_tomorrow_and_not_yet_where_it_is_still_today(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        // 12:00 UTC on 23 November is 01:00 on the 24th in Auckland (UTC+13) and still noon on the 23rd in London.
        await using var server = await StartAsync(store, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), "--smtp", smtp.Url);
        await server.JoinAsync("aroha", timeZone: "Pacific/Auckland", birthDate: "1990-11-24");
        await server.JoinAsync("liam", timeZone: "Europe/London", birthDate: "1985-11-24");
        await server.PutJourneyAsync("birthday", $$"""
            {"name":"Birthday","enabled":true,"trigger":{"type":"birthday"},
             "steps":[{"id":"gift","type":"grant","points":100,"reason":"Birthday gift"},
                      {{EmailStep("wishes", "Happy birthday, {{ member.firstName }}", "{{ reward.points }} points for turning {{ birthday.age }}.")}}]}
            """);

        await server.RunJourneysAsync();
        var inAuckland = smtp.Messages();
        var arohaPoints = Value<long>((await server.BalanceAsync("aroha"))["points"]);
        var liamPoints = Value<long>((await server.BalanceAsync("liam"))["points"]);

        server.Clock.Advance(TimeSpan.FromHours(12)); // 00:00 UTC on the 24th: London's turn
        await server.RunJourneysAsync();
        await server.RunJourneysAsync();
        var both = smtp.Messages();

        var aroha = Assert.Single(inAuckland);
        Assert.Equal("Happy birthday, Aroha", aroha.Subject);
        Assert.Equal("aroha@example.com", aroha.To.Mailboxes.Single().Address);
        Assert.Contains("100 points for turning 36.", aroha.TextBody, StringComparison.Ordinal);
        Assert.Equal(100, arohaPoints);
        Assert.Equal(0, liamPoints);
        Assert.Equal(2, both.Count);
        Assert.Equal("Happy birthday, Liam", both[1].Subject);
        Assert.Contains("turning 41", both[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(100, Value<long>((await server.BalanceAsync("liam"))["points"]));
        Assert.Equal(100, Value<long>((await server.BalanceAsync("aroha"))["points"]));
    }
}
