using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tango.Journeys.Engine;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

/// <summary>Journey intentions for the HTTP tests: define a journey, enrol a reachable member, let the engine run.</summary>
internal static class JourneyFixtures
{
    public static async Task<JsonObject> PutJourneyAsync(this TangoServer server, string key, string json, int status = 201) =>
        await ExpectAsync(await server.Admin.PutAsync($"/v1/journeys/{key}", Json(json)), status);

    /// <summary>What the journey worker does every few seconds when scheduled: triggers, due steps, deliveries.</summary>
    public static Task<JourneyRun> RunJourneysAsync(this TangoServer server) =>
        server.Services.GetRequiredService<JourneyWorker>().RunOnceAsync(CancellationToken.None);

    /// <summary>A member with an address who agreed to marketing email.</summary>
    public static async Task<JsonObject> JoinAsync(this TangoServer server, string id, string? timeZone = null, string? birthDate = null,
        bool consent = true)
    {
        var extra = (timeZone is null ? "" : $",\"timeZone\":\"{timeZone}\"") + (birthDate is null ? "" : $",\"birthDate\":\"{birthDate}\"");
        var response = await server.Admin.PostAsync("/v1/members", Json(
            $$"""{"id":"{{id}}","name":"{{char.ToUpperInvariant(id[0])}}{{id[1..]}} Example","email":"{{id}}@example.com","consent":{"email":{{(consent ? "true" : "false")}}}{{extra}}}"""));
        return await ExpectAsync(response, 201);
    }

    public static async Task<JsonObject> EventAsync(this TangoServer server, string type, string memberId, string data, DateTimeOffset? occurredAt = null)
    {
        var at = occurredAt is { } o ? $",\"occurredAt\":\"{o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"" : "";
        return await ExpectAsync(await server.PostEventAsync($$"""{"type":"{{type}}","memberId":"{{memberId}}"{{at}},"data":{{data}}}"""), 200);
    }

    public static Task<JsonObject> BuyAsync(this TangoServer server, string memberId, string orderId, string sku = "beans", decimal price = 20m,
        DateTimeOffset? at = null) =>
        server.EventAsync("purchase", memberId,
            $$"""{"orderId":"{{orderId}}","total":{{price.ToString(CultureInfo.InvariantCulture)}},"lines":[{"sku":"{{sku}}","quantity":1,"unitPrice":{{price.ToString(CultureInfo.InvariantCulture)}}}]}""",
            at);

    public static async Task<JsonObject> ReportAsync(this TangoServer server, string key) =>
        await ExpectAsync(await server.Admin.GetAsync($"/v1/journeys/{key}/report"), 200);

    public static async Task<JsonArray> InboxAsync(this TangoServer server, string memberId) =>
        (await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{memberId}/inbox"), 200))["items"]!.AsArray();

    public static async Task<JsonArray> JourneysOfAsync(this TangoServer server, string memberId) =>
        (await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{memberId}/profile"), 200))["journeys"]!.AsArray();

    /// <summary>One email step: the subject names the step so tests can tell the messages apart.</summary>
    public static string EmailStep(string id, string subject, string template = "Hello {{ member.firstName }}") =>
        $$"""{"id":"{{id}}","type":"send","channel":"email","subject":"{{subject}}","template":"{{template}}"}""";
}
