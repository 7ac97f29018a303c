using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tango.Service;
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
        Assert.Single(smtp.Messages());
        Assert.Equal("sent", Value<string>(recovery["apology"]!["status"]));
        Assert.Single(await server.InboxAsync("ivy"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_apology_greets_the_member_by_first_name_says_what_we_saw_about_their_order_and_what_we_did(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},"service":{"recovery":{"compensationPoints":200}}}
            """), 200);
        await server.JoinAsync("ivy", consent: false);
        await server.BuyAsync("ivy", "C-1");
        await ExpectAsync(await server.Admin.PostAsync("/v1/journeys/service-recovery/enable", null), 201);

        await ExpectAsync(await server.Admin.PostAsync("/v1/surveys/responses", Json("""{"memberId":"ivy","kind":"nps","score":3,"orderId":"C-1"}""")), 201);
        await server.RunJourneysAsync();
        await server.RunJourneysAsync();

        var apology = Assert.Single(smtp.Messages());
        Assert.Equal("We are sorry, Ivy", apology.Subject);
        var text = apology.TextBody ?? "";
        Assert.StartsWith("Hello Ivy,", text, StringComparison.Ordinal);
        Assert.Contains("we saw that order C-1 did not turn out the way you hoped, and we are sorry.", text, StringComparison.Ordinal);
        Assert.Contains("Here is what we did: we added 200 points to your account, and someone from our team", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NPS answer", text, StringComparison.Ordinal);
        var inbox = Value<string>(Assert.Single(await server.InboxAsync("ivy"))!["body"]);
        Assert.StartsWith("Ivy, we saw that order C-1 did not turn out the way you hoped, and we are sorry. We added 200 points", inbox, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_apology_for_a_ticket_that_waited_too_long_says_so_and_names_its_order(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await server.JoinAsync("jo", consent: false);
        await ExpectAsync(await server.Admin.PostAsync("/v1/journeys/service-recovery/enable", null), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/tickets",
            Json("""{"memberId":"jo","subject":"Where is my parcel?","channel":"email","priority":"urgent","orderId":"#1001/7"}""")), 201);

        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await server.Services.GetServices<IHostedService>().OfType<SlaWorker>().Single().RunOnceAsync(CancellationToken.None);
        await server.RunJourneysAsync();
        await server.RunJourneysAsync();

        var text = Assert.Single(smtp.Messages()).TextBody ?? "";
        Assert.Contains("Hello Jo,", text, StringComparison.Ordinal);
        Assert.Contains("we saw that your request about order #1001/7 waited longer for an answer than we promised, and we are sorry.", text,
            StringComparison.Ordinal);
        Assert.Contains("Here is what we did: someone from our team is looking into it personally", text, StringComparison.Ordinal);
        Assert.Contains("Thank you for your patience.", text, StringComparison.Ordinal);
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
