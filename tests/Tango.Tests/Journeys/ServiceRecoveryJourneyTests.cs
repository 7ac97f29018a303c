using System.Text.RegularExpressions;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed partial class ServiceRecoveryJourneyTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_detractors_pending_apology_goes_out_through_the_service_recovery_journey_and_the_case_shows_it_sent(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await server.JoinAsync("ivy", consent: false);
        await server.BuyAsync("ivy", "1001");
        await ExpectAsync(await server.Admin.PostAsync("/v1/journeys/service-recovery/enable", null), 201);

        await ExpectAsync(await server.Admin.PostAsync("/v1/surveys/responses", Json("""{"memberId":"ivy","kind":"nps","score":3,"orderId":"1001"}""")), 201);
        var pending = Value<string>(Assert.Single((await ExpectAsync(await server.Admin.GetAsync("/v1/service/recovery"), 200))["items"]!.AsArray())!["apology"]!["status"]);
        await server.RunJourneysAsync();
        await server.RunJourneysAsync();
        var recovery = Assert.Single((await ExpectAsync(await server.Admin.GetAsync("/v1/service/recovery"), 200))["items"]!.AsArray())!;

        Assert.Equal("pending", pending);
        var apology = Assert.Single(smtp.Messages());
        Assert.Equal("We are sorry", apology.Subject);
        Assert.Contains("NPS answer 3 about order 1001", apology.TextBody, StringComparison.Ordinal);
        Assert.Equal("sent", Value<string>(recovery["apology"]!["status"]));
        Assert.Single(await server.InboxAsync("ivy"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_send_step_with_a_survey_carries_a_link_the_member_answers_without_a_key(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await server.JoinAsync("kai");
        await server.PutJourneyAsync("how-was-it", """
            {"name":"How was it","enabled":true,"trigger":{"type":"purchase","delay":"P2D"},
             "steps":[{"id":"ask","type":"send","channel":"email","subject":"How was order {{ order.id }}?","survey":"nps",
                       "template":"Tell us: {{ survey.url }}"}]}
            """);
        await server.BuyAsync("kai", "2002");
        server.Clock.Advance(TimeSpan.FromDays(2));
        await server.RunJourneysAsync();
        var token = SurveyLink().Match(Assert.Single(smtp.Messages()).TextBody ?? "").Groups["token"].Value;
        using var anonymous = server.Client(null);

        var answered = await anonymous.PostAsync($"/v1/surveys/answers/{token}", Json("""{"score":9}"""));

        Assert.Equal(9, Value<int>((await ExpectAsync(answered, 201))["score"]));
    }

    [GeneratedRegex("/v1/surveys/answers/(?<token>sv_[A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();
}
