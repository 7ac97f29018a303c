using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class RecoveryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_detractor_answer_opens_one_recovery_case_even_when_retried_with_the_same_idempotency_key(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PutServiceProgramAsync("""{"recovery":{"compensationPoints":150}}""");
        await server.PurchaseAsync("ann", "1001", 20m);
        const string body = """{"memberId":"ann","kind":"nps","score":3,"comment":"Late and cold","orderId":"1001"}""";

        var first = await server.RespondAsync(body, "nps-ann-1001");
        var retry = await server.RespondAsync(body, "nps-ann-1001");
        var cases = await server.RecoveryCasesAsync("?status=open");
        var balance = await server.BalanceAsync("ann");

        var recorded = await ExpectAsync(first, 201);
        var replayed = await ExpectAsync(retry, 201);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(recorded.ToJsonString(), replayed.ToJsonString());
        var only = Assert.Single(cases);
        Assert.Equal(Value<string>(recorded["recoveryCaseId"]), Value<string>(only!["caseId"]));
        Assert.Equal("detractor", Value<string>(only["cause"]));
        Assert.Equal("NPS answer 3 about order 1001", Value<string>(only["reason"]));
        Assert.Equal(150, Value<long>(only["compensation"]!["granted"]));
        Assert.Equal("pending", Value<string>(only["apology"]!["status"]));
        Assert.Equal(20 + 150, Value<long>(balance["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_dissatisfied_csat_answer_through_a_link_opens_a_case_and_a_satisfied_one_does_not(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("bo");
        var ticket = Value<string>((await server.OpenTicketAsync("bo", "normal"))["ticketId"]);
        var unhappy = Value<string>((await ExpectAsync(await server.InviteAsync(
            $$"""{"memberId":"bo","kind":"csat","ticketId":"{{ticket}}"}"""), 201))["token"]);
        var happy = Value<string>((await ExpectAsync(await server.InviteAsync("""{"memberId":"bo","kind":"nps"}"""), 201))["token"]);

        await ExpectAsync(await server.AnswerAsync(unhappy, """{"score":2}"""), 201);
        await ExpectAsync(await server.AnswerAsync(happy, """{"score":8}"""), 201);

        var only = Assert.Single(await server.RecoveryCasesAsync());
        Assert.Equal($"CSAT answer 2 about ticket {ticket}", Value<string>(only!["reason"]));
        Assert.Equal(ticket, Value<string>(only["ticketId"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Staff_close_a_case_with_a_note_and_it_leaves_the_open_list(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("cy");
        await ExpectAsync(await server.RespondAsync("""{"memberId":"cy","kind":"nps","score":0}"""), 201);
        var caseId = Value<string>(Assert.Single(await server.RecoveryCasesAsync("?status=open"))!["caseId"]);

        server.Clock.Advance(TimeSpan.FromHours(2));
        var closed = await ExpectAsync(await server.Admin.PatchAsync($"/v1/service/recovery/{caseId}",
            Json("""{"status":"closed","note":"Called, sent flowers"}""")), 200);
        var bad = await server.Admin.PatchAsync($"/v1/service/recovery/{caseId}", Json("""{"status":"done","owner":"me"}"""));
        var unknown = await server.Admin.PatchAsync("/v1/service/recovery/rcv_nope", Json("""{"status":"closed"}"""));

        Assert.Equal("closed", Value<string>(closed["status"]));
        Assert.Equal("2026-11-23T12:00:00Z", Value<string>(closed["closedAt"]));
        Assert.Equal("Called, sent flowers", Value<string>(closed["note"]));
        Assert.Empty(await server.RecoveryCasesAsync("?status=open"));
        Assert.Single(await server.RecoveryCasesAsync("?status=closed&memberId=cy"));
        var problem = await ExpectProblemAsync(bad, 422, "status");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("owner"));
        await ExpectProblemAsync(unknown, 404);
        await ExpectAsync(await server.Admin.GetAsync($"/v1/service/recovery/{caseId}"), 200);
    }
}
