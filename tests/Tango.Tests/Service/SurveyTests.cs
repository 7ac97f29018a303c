using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class SurveyTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_invitation_gives_a_tokenised_link_once_and_the_same_occasion_answers_the_same_invitation(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("ann", "1001", 40m);

        var created = await server.InviteAsync("""{"memberId":"ann","kind":"nps","orderId":"1001"}""");
        var again = await server.InviteAsync("""{"memberId":"ann","kind":"nps","orderId":"1001"}""");
        var csat = await server.InviteAsync("""{"memberId":"ann","kind":"csat","orderId":"1001"}""");

        var first = await ExpectAsync(created, 201);
        var token = Value<string>(first["token"]);
        Assert.True(token.Length >= 43, "at least 256 bits of base64url after the prefix");
        Assert.EndsWith("/v1/surveys/answers/" + token, Value<string>(first["url"]), StringComparison.Ordinal);
        Assert.Equal("2026-12-23T10:00:00Z", Value<string>(first["expiresAt"]));
        Assert.Equal("order:1001", Value<string>(first["occasion"]));
        var second = await ExpectAsync(again, 200);
        Assert.Equal(Value<string>(first["invitationId"]), Value<string>(second["invitationId"]));
        Assert.Null(second["token"]);
        var other = await ExpectAsync(csat, 201);
        Assert.NotEqual(Value<string>(first["invitationId"]), Value<string>(other["invitationId"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_answers_through_the_link_without_a_key_once_and_a_second_answer_is_a_409(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("bo", "2002", 15m, extra: ""","channel":"app" """);
        var token = Value<string>((await ExpectAsync(await server.InviteAsync("""{"memberId":"bo","kind":"csat","orderId":"2002"}"""), 201))["token"]);
        using var anonymous = server.Client(null);

        var question = await ExpectAsync(await anonymous.GetAsync($"/v1/surveys/answers/{token}"), 200);
        var answered = await ExpectAsync(await server.AnswerAsync(token, """{"score":5,"comment":"  Quick and friendly  "}"""), 201);
        var twice = await server.AnswerAsync(token, """{"score":4}""");
        var afterwards = await ExpectAsync(await anonymous.GetAsync($"/v1/surveys/answers/{token}"), 200);
        var profile = await ExpectAsync(await server.Admin.GetAsync("/v1/members/bo/profile"), 200);

        Assert.Equal("csat", Value<string>(question["kind"]));
        Assert.Equal(1, Value<int>(question["min"]));
        Assert.Equal(5, Value<int>(question["max"]));
        Assert.False(Value<bool>(question["answered"]));
        Assert.Equal(5, Value<int>(answered["score"]));
        Assert.Null(answered["memberId"]);
        await ExpectProblemAsync(twice, 409);
        Assert.True(Value<bool>(afterwards["answered"]));
        Assert.Equal(5, Value<int>(profile["latestCsat"]!["score"]));
        Assert.Null(profile["latestNps"]);
        var scores = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/service"), 200);
        Assert.Equal("app", Value<string>(Assert.Single(scores["byChannel"]!.AsArray())!["channel"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_link_answered_at_its_expiry_is_gone_with_a_410_and_an_unknown_token_is_a_404(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PutServiceProgramAsync("""{"surveys":{"invitationValidDays":7}}""");
        await server.EnrolAsync("cy");
        var token = Value<string>((await ExpectAsync(await server.InviteAsync("""{"memberId":"cy","kind":"nps"}"""), 201))["token"]);

        server.Clock.Advance(TimeSpan.FromDays(7));
        var expired = await server.AnswerAsync(token, """{"score":9}""");
        var unknown = await server.AnswerAsync("sv_" + new string('A', 43), """{"score":9}""");
        var garbage = await server.AnswerAsync("not-a-token", """{"score":9}""");

        await ExpectProblemAsync(expired, 410);
        await ExpectProblemAsync(unknown, 404);
        await ExpectProblemAsync(garbage, 404);
        Assert.Null((await ExpectAsync(await server.Admin.GetAsync("/v1/members/cy/profile"), 200))["latestNps"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Scores_outside_their_scale_are_a_422_naming_score_and_nothing_is_recorded(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("di");
        var token = Value<string>((await ExpectAsync(await server.InviteAsync("""{"memberId":"di","kind":"csat"}"""), 201))["token"]);

        var npsEleven = await server.RespondAsync("""{"memberId":"di","kind":"nps","score":11}""");
        var npsNegative = await server.RespondAsync("""{"memberId":"di","kind":"nps","score":-1}""");
        var csatZero = await server.RespondAsync("""{"memberId":"di","kind":"csat","score":0}""");
        var csatSix = await server.AnswerAsync(token, """{"score":6}""");
        var fraction = await server.RespondAsync("""{"memberId":"di","kind":"nps","score":7.5}""");
        var noScore = await server.RespondAsync("""{"memberId":"di","kind":"csat"}""");
        var kindUnknown = await server.RespondAsync("""{"memberId":"di","kind":"ces","score":3}""");

        foreach (var response in new[] { npsEleven, npsNegative, csatZero, csatSix, fraction, noScore })
        {
            await ExpectProblemAsync(response, 422, "score");
        }
        await ExpectProblemAsync(kindUnknown, 422, "kind");
        var profile = await ExpectAsync(await server.Admin.GetAsync("/v1/members/di/profile"), 200);
        Assert.Null(profile["latestNps"]);
        Assert.Null(profile["latestCsat"]);
        Assert.Empty(await server.RecoveryCasesAsync());
        await ExpectAsync(await server.AnswerAsync(token, """{"score":4}"""), 201);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_response_recorded_with_a_key_carries_the_tickets_channel_and_the_members_tier(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},"tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"gold","name":"Gold","minSpend":100}]}
            """), 200);
        await server.PurchaseAsync("ed", "3003", 150m);
        var ticket = Value<string>((await server.OpenTicketAsync("ed", "normal", "chat"))["ticketId"]);

        var recorded = await ExpectAsync(await server.RespondAsync(
            $$"""{"memberId":"ed","kind":"nps","score":9,"comment":"Sorted in minutes","ticketId":"{{ticket}}"}"""), 201);
        var foreignTicket = await server.RespondAsync("""{"memberId":"ed","kind":"nps","score":9,"ticketId":"tkt_nope"}""");
        var unknownMember = await server.RespondAsync("""{"memberId":"ghost","kind":"nps","score":9}""");
        var profile = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ed/profile"), 200);

        Assert.StartsWith("svr_", Value<string>(recorded["responseId"]), StringComparison.Ordinal);
        Assert.Equal("chat", Value<string>(recorded["channel"]));
        Assert.Equal("gold", Value<string>(recorded["tier"]));
        Assert.Equal("Sorted in minutes", Value<string>(recorded["comment"]));
        Assert.Null(recorded["recoveryCaseId"]);
        await ExpectProblemAsync(foreignTicket, 422, "ticketId");
        await ExpectProblemAsync(unknownMember, 404, "memberId");
        Assert.Equal(9, Value<int>(profile["latestNps"]!["score"]));
        Assert.Equal(Value<string>(recorded["responseId"]), Value<string>(profile["latestNps"]!["responseId"]));
    }
}
