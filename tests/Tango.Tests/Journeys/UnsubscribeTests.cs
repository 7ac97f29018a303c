using System.Text;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class UnsubscribeTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task One_click_unsubscribe_works_without_a_key_and_stops_the_next_marketing_email(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await server.JoinAsync("eva");
        await server.PutJourneyAsync("thanks", $$"""
            {"name":"Thanks","enabled":true,"trigger":{"type":"purchase"},
             "steps":[{{EmailStep("thanks", "Thanks", "Thank you. Unsubscribe: {{ unsubscribeUrl }}")}}]}
            """);
        await server.BuyAsync("eva", "o-1");
        await server.RunJourneysAsync();
        var mail = Assert.Single(smtp.Messages());
        var link = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var path = new Uri(link).AbsolutePath;
        using var anonymous = server.Client(null);

        var described = await anonymous.GetAsync(path);
        var forged = await anonymous.PostAsync(path.Replace("v1/unsubscribe/", "v1/unsubscribe/x", StringComparison.Ordinal), null);
        var unsubscribed = await anonymous.PostAsync(path,
            new StringContent("List-Unsubscribe=One-Click", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await server.BuyAsync("eva", "o-2");
        await server.RunJourneysAsync();

        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        await ExpectAsync(described, 200);
        await ExpectProblemAsync(forged, 404);
        Assert.True(Value<bool>((await ExpectAsync(unsubscribed, 200))["unsubscribed"]));
        Assert.False(Value<bool>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/eva"), 200))["consent"]!["email"]));
        Assert.Single(smtp.Messages());
        Assert.Equal(1, Value<long>((await server.ReportAsync("thanks"))["skipped"]!["no-consent"]));
    }
}
