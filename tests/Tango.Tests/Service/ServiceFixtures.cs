using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tango.Service;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

/// <summary>Service-quality intentions for the HTTP tests: open a ticket, run the SLA job, invite, answer.</summary>
internal static class ServiceFixtures
{
    public static async Task<JsonObject> OpenTicketAsync(this TangoServer server, string memberId, string priority = "urgent",
        string channel = "email", HttpClient? client = null, string extra = "")
    {
        var response = await (client ?? server.Admin).PostAsync("/v1/tickets", Json(
            $$"""{"memberId":"{{memberId}}","subject":"Parcel arrived damaged","channel":"{{channel}}","priority":"{{priority}}"{{extra}}}"""));
        return await ExpectAsync(response, 201);
    }

    public static Task<HttpResponseMessage> PatchTicketAsync(this TangoServer server, string ticketId, string json) =>
        server.Admin.PatchAsync($"/v1/tickets/{ticketId}", Json(json));

    public static async Task<JsonObject> TicketAsync(this TangoServer server, string ticketId) =>
        await ExpectAsync(await server.Admin.GetAsync($"/v1/tickets/{ticketId}"), 200);

    /// <summary>What the SLA worker does once a minute when scheduled.</summary>
    public static Task<int> RunSlaWatchAsync(this TangoServer server) =>
        server.Services.GetServices<IHostedService>().OfType<SlaWorker>().Single().RunOnceAsync(CancellationToken.None);

    public static async Task<JsonArray> RecoveryCasesAsync(this TangoServer server, string query = "") =>
        (await ExpectAsync(await server.Admin.GetAsync("/v1/service/recovery" + query), 200))["items"]!.AsArray();

    public static Task<HttpResponseMessage> RespondAsync(this TangoServer server, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/surveys/responses") { Content = Json(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return server.Admin.SendAsync(request);
    }

    public static Task<HttpResponseMessage> InviteAsync(this TangoServer server, string json) =>
        server.Admin.PostAsync("/v1/surveys/invitations", Json(json));

    /// <summary>Answers through the link, as a member would: no API key.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(this TangoServer server, string token, string json)
    {
        using var anonymous = server.Client(null);
        return await anonymous.PostAsync($"/v1/surveys/answers/{token}", Json(json));
    }

    public static async Task PutServiceProgramAsync(this TangoServer server, string service) =>
        await ExpectAsync(await server.PutProgramAsync($$"""{"currency":"EUR","earning":{"pointsPerUnit":1},"service":{{service}}}"""), 200);
}
