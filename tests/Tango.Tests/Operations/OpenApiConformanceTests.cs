using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Operations;

/// <summary>
/// /openapi/v1.json agrees with the server: real answers from calls across the API (members, events, balance,
/// ledger, program, rewards, tiers, analytics, journeys, tickets, problems) each match the schema the document gives
/// their operation and status: types, required properties, nullability.
/// </summary>
public sealed class OpenApiConformanceTests
{
    private const string Program = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},"expiry":{"months":12},"cashback":{"percent":2},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":100,"multiplier":1.25}],
         "rewards":[{"id":"free-coffee","name":"Free coffee","kind":"coupon","costPoints":50,"portable":true}],
         "challenges":[{"id":"two-visits","name":"Two visits","event":"purchase","count":2,"windowDays":30,"reward":{"points":10}}]}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Real_answers_across_the_api_match_the_schemas_the_openapi_document_gives_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var contract = await OpenApiContract.LoadAsync(server.Admin);
        var calls = new Calls(server.Admin);

        await calls.SendAsync("PUT", "/v1/program", "/v1/program", Program);
        await calls.SendAsync("GET", "/v1/program", "/v1/program");
        await calls.SendAsync("POST", "/v1/members", "/v1/members", """{"id":"ann","email":"ann@example.com","name":"Ann","consent":{"email":true,"sms":false}}""");
        await calls.SendAsync("POST", "/v1/members", "/v1/members", """{"id":"bob"}""");
        await calls.SendAsync("GET", "/v1/members/{id}", "/v1/members/ann");
        await calls.SendAsync("GET", "/v1/members", "/v1/members?limit=1");
        await calls.SendAsync("PATCH", "/v1/members/{id}", "/v1/members/bob", """{"phone":"+44 20 7946 0000"}""");
        await calls.SendAsync("POST", "/v1/events", "/v1/events", """{"type":"purchase","memberId":"ann","data":{"orderId":"o-1","total":120}}""", key: "e-1");
        await calls.SendAsync("POST", "/v1/events", "/v1/events", """{"type":"purchase","memberId":"ann","data":{"orderId":"o-2","total":30}}""", key: "e-2");
        await calls.SendAsync("POST", "/v1/events", "/v1/events", """{"type":"refund","memberId":"ann","data":{"orderId":"o-2","amount":10}}""", key: "e-3");
        await calls.SendAsync("POST", "/v1/events", "/v1/events", """{"type":"custom.visit","memberId":"bob","data":{}}""", key: "e-4");
        await calls.SendAsync("GET", "/v1/members/{id}/balance", "/v1/members/ann/balance");
        await calls.SendAsync("GET", "/v1/members/{id}/ledger", "/v1/members/ann/ledger");
        await calls.SendAsync("POST", "/v1/members/{id}/adjustments", "/v1/members/ann/adjustments", """{"points":5,"reason":"goodwill"}""");
        await calls.SendAsync("POST", "/v1/members/{id}/redemptions", "/v1/members/ann/redemptions", """{"points":20}""");
        await calls.SendAsync("POST", "/v1/members/{id}/redemptions", "/v1/members/ann/redemptions", """{"rewardId":"free-coffee"}""");
        await calls.SendAsync("GET", "/v1/rewards", "/v1/rewards?memberId=ann");
        await calls.SendAsync("GET", "/v1/members/{id}/tier", "/v1/members/ann/tier");
        await calls.SendAsync("GET", "/v1/members/{id}/tier", "/v1/members/bob/tier");
        await calls.SendAsync("GET", "/v1/members/{id}/achievements", "/v1/members/ann/achievements");
        await calls.SendAsync("POST", "/v1/members/{id}/markers", "/v1/members/ann/markers", """{"text":"Has a beagle"}""");
        await calls.SendAsync("POST", "/v1/analytics:refresh", "/v1/analytics:refresh");
        await calls.SendAsync("GET", "/v1/members/{id}/insights", "/v1/members/ann/insights");
        await calls.SendAsync("GET", "/v1/members/{id}/insights", "/v1/members/bob/insights");
        await calls.SendAsync("POST", "/v1/journeys/{key}/enable", "/v1/journeys/first-purchase-thank-you/enable");
        await calls.SendAsync("GET", "/v1/journeys/{key}", "/v1/journeys/first-purchase-thank-you");
        await calls.SendAsync("GET", "/v1/journeys", "/v1/journeys");
        await calls.SendAsync("GET", "/v1/journey-settings", "/v1/journey-settings");
        await calls.SendAsync("POST", "/v1/tickets", "/v1/tickets", """{"memberId":"ann","subject":"Broken mug","channel":"email"}""");
        await calls.SendAsync("GET", "/v1/tickets", "/v1/tickets");
        await calls.SendAsync("GET", "/v1/members/{id}", "/v1/members/nobody");
        await calls.SendAsync("POST", "/v1/members", "/v1/members", """{"id":"bad id","email":5}""");
        await calls.SendAsync("POST", "/v1/events", "/v1/events", """{"type":"purchase","memberId":"ann","data":{"orderId":"o-1","total":120}}""", key: "e-5");
        await calls.SendAsync("DELETE", "/v1/program", "/v1/program");

        Assert.True(calls.Answers.Count(a => a.Status < 300) >= 25, string.Join("\n", calls.Answers));
        var mismatches = calls.Answers.SelectMany(contract.Mismatches).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_document_marks_only_what_is_always_there_as_required_and_types_numbers_as_numbers(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var document = JsonNode.Parse(await server.Admin.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;

        Assert.Equal(["consent", "createdAt", "id", "updatedAt"], Required(schemas["Member"]!));
        Assert.Empty(Required(schemas["CreateMemberRequest"]!));
        Assert.Equal("integer", schemas["Balance"]!["properties"]!["points"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain("\"string\"", schemas["ExpiryPolicy"]!["properties"]!["months"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Required(JsonNode schema) =>
        (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal);

    private sealed class Calls(HttpClient client)
    {
        public List<Answer> Answers { get; } = [];

        public async Task SendAsync(string method, string template, string url, string? body = null, string? key = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }
            request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Answers.Add(new Answer(method, template, (int)response.StatusCode, MediaType(response.Content.Headers.ContentType), text));
        }

        private static string? MediaType(MediaTypeHeaderValue? type) => type?.MediaType;
    }
}
