using System.Globalization;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using Tango.Tests.Journeys;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Events;

/// <summary>
/// History is not today: a purchase that happened longer ago than the program's history window earns and counts, but
/// draws no surprise, starts no journey and sends no congratulation.
/// </summary>
public sealed class HistoryTests
{
    /// <summary>Every purchase that earns draws a surprise; two purchases in 30 days complete a challenge.</summary>
    private const string Program = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
         "challenges":[{"id":"two","name":"Two visits","event":"purchase","count":2,"windowDays":30,"reward":{"points":10,"badge":"regular"}}],
         "surprises":{"monthlyBudgetPoints":100000,"chancePercent":100,"minDaysBetweenPerMember":0,
                      "rewards":[{"id":"plus","name":"+1","points":5},{"id":"more","name":"+2","points":7}]}}
        """;

    private const string ThankYou = """
        {"name":"Thanks","enabled":true,"trigger":{"type":"purchase"},
         "steps":[{"id":"note","type":"send","channel":"inbox","subject":"Thanks","template":"Thanks for {{ order.id }}"},
                  {"id":"call","type":"send","channel":"webhook","subject":"Thanks","template":"Bought {{ order.id }}"}]}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_imported_old_purchase_earns_but_draws_no_surprise_starts_no_journey_and_sends_no_congratulation(StoreUnderTest store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(store, null, WebhookReceiver.AllowLoopback);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        var webhook = await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["*"]}""")), 201);
        receiver.Secret = Value<string>(webhook["secret"]);
        await server.PutJourneyAsync("thanks", ThankYou);

        await ImportAsync(server, ("old", "o-1", 20m, Start.AddDays(-40)), ("old", "o-2", 30m, Start.AddDays(-39)));
        await ImportAsync(server, ("new", "n-1", 20m, Start.AddDays(-6)), ("new", "n-2", 30m, null));
        await DeliverAsync(server);

        Assert.Equal(20 + 30 + 10, Value<long>((await server.BalanceAsync("old"))["points"])); // earned, and the challenge paid
        Assert.Equal("regular", Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/old/achievements"), 200))["badges"]![0]!["badge"]));
        Assert.DoesNotContain(await server.LedgerAsync("old"), l => Value<string>(l!["kind"]) == "surprise");
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/members/old/export"), 200))["surprises"]!.AsArray());
        Assert.Empty(await server.InboxAsync("old"));
        Assert.Empty(await server.JourneysOfAsync("old"));
        // A purchase within the window (six days late) and one of today are news.
        Assert.Contains(await server.LedgerAsync("new"), l => Value<string>(l!["kind"]) == "surprise");
        Assert.Equal(2, (await server.InboxAsync("new")).Count);

        var received = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        List<string> TypesFor(string member) => received.Where(b => Value<string>(b["data"]!["memberId"]) == member)
            .Select(b => Value<string>(b["type"])).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["member.created", "points.earned", "points.earned", "purchase.recorded", "purchase.recorded"], TypesFor("old"));
        Assert.Equal(["challenge.completed", "journey.message", "journey.message", "member.created", "points.earned", "points.earned",
            "purchase.recorded", "purchase.recorded"], TypesFor("new"));
        bool HistoryOf(string member) => received.Where(b => Value<string>(b["type"]) == "purchase.recorded" && Value<string>(b["data"]!["memberId"]) == member)
            .Select(b => Value<bool>(b["data"]!["history"])).Distinct().Single();
        Assert.True(HistoryOf("old"));
        Assert.False(HistoryOf("new"));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_history_window_is_the_programs_to_set_and_is_checked(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var refused = await ExpectProblemAsync(await server.PutProgramAsync(Program.Replace("\"currency\":\"EUR\",", "\"currency\":\"EUR\",\"history\":{\"afterDays\":0},",
            StringComparison.Ordinal)), 422, "history.afterDays");
        Assert.Single(refused["errors"]!.AsObject());
        await ExpectProblemAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1},"history":{"afterDays":3651}}"""),
            422, "history.afterDays");
        await ExpectAsync(await server.PutProgramAsync(Program.Replace("\"currency\":\"EUR\",", "\"currency\":\"EUR\",\"history\":{\"afterDays\":60},",
            StringComparison.Ordinal)), 200);
        Assert.Equal(60, Value<int>((await ExpectAsync(await server.Admin.GetAsync("/v1/program"), 200))["history"]!["afterDays"]));

        await ImportAsync(server, ("ann", "a-1", 20m, Start.AddDays(-40)), ("bob", "b-1", 20m, Start.AddDays(-61)));

        Assert.Contains(await server.LedgerAsync("ann"), l => Value<string>(l!["kind"]) == "surprise");
        Assert.DoesNotContain(await server.LedgerAsync("bob"), l => Value<string>(l!["kind"]) == "surprise");
    }

    /// <summary>Purchases through the batch endpoint, as an import sends them; an instant of null is now.</summary>
    internal static async Task<JsonArray> ImportAsync(TangoServer server, params (string Member, string Order, decimal Total, DateTimeOffset? At)[] rows)
    {
        var items = rows.Select(r =>
        {
            var at = r.At is { } instant ? $",\"occurredAt\":\"{instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"" : "";
            return $$$"""{"idempotencyKey":"import-{{{r.Order}}}","type":"purchase","memberId":"{{{r.Member}}}"{{{at}}},"data":{"orderId":"{{{r.Order}}}","total":{{{r.Total.ToString(CultureInfo.InvariantCulture)}}}}}""";
        });
        var results = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json($"[{string.Join(',', items)}]")), 200))["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal(200, Value<int>(r!["status"])));
        return results;
    }

    /// <summary>Journey passes until every step ran and every webhook went out (the fan-out rereads its last half minute).</summary>
    private static async Task DeliverAsync(TangoServer server)
    {
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.RunJourneysAsync();
        await server.RunJourneysAsync();
    }
}
