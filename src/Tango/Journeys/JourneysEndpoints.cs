using Tango.Auth;
using Tango.Domain.Journeys;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Journeys;

/// <summary>
/// Journey definitions (`PUT /v1/journeys/{key}` appends a version), switching them on and off, the ready-made
/// ones, the report with measured uplift, and the tenant-wide settings (global control group).
/// </summary>
public static class JourneysEndpoints
{
    public static void MapJourneys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/journeys").WithTags("Journeys").RequireAuthorization(Policies.Read);
        group.MapGet("", List).Produces<Paging.Page<JourneyView>>();
        group.MapGet("/ready-made", ReadyMade);
        group.MapGet("/{key}", Get).Produces<JourneyView>().ProducesProblem(404);
        group.MapPut("/{key}", Put).RequireAuthorization(Policies.Admin)
            .Accepts<JourneyDefinition>("application/json").Produces<JourneyView>(200).Produces<JourneyView>(201).ProducesValidationProblem(422);
        // 201 when the journey is a ready-made one defined by this very call.
        group.MapPost("/{key}/enable", (HttpContext c, Writes w, JourneyStore s, string key) => SetEnabled(c, w, s, key, true))
            .RequireAuthorization(Policies.Admin).Produces<JourneyView>().Produces<JourneyView>(201).ProducesProblem(404);
        group.MapPost("/{key}/disable", (HttpContext c, Writes w, JourneyStore s, string key) => SetEnabled(c, w, s, key, false))
            .RequireAuthorization(Policies.Admin).Produces<JourneyView>().Produces<JourneyView>(201).ProducesProblem(404);
        group.MapGet("/{key}/report", Report).Produces<JourneyReport>().ProducesProblem(404);

        var settings = app.MapGroup("/v1/journey-settings").WithTags("Journeys").RequireAuthorization(Policies.Read);
        settings.MapGet("", GetSettings).Produces<JourneySettingsView>();
        settings.MapPut("", PutSettings).RequireAuthorization(Policies.Admin)
            .Accepts<JourneySettingsRequest>("application/json").Produces<JourneySettingsView>().ProducesValidationProblem(422);
    }

    private static async Task<IResult> List(HttpContext context, JourneyStore journeys) =>
        Paging.Answer(context.Request, await journeys.ListAsync(context.Tenant(), context.RequestAborted), j => j.Key);

    private static IResult ReadyMade() =>
        TypedResults.Ok(new
        {
            items = ReadyMadeJourneys.All.Select(j => new { key = j.Key, definition = System.Text.Json.JsonSerializer.SerializeToElement(j.Value, JourneyJson.Options) }),
            nextCursor = (string?)null,
        });

    private static async Task<IResult> Get(HttpContext context, JourneyStore journeys, string key) =>
        JourneyRequests.IsKey(key) && await journeys.GetAsync(context.Tenant(), key, context.RequestAborted) is { } found
            ? TypedResults.Ok(found)
            : NotFound(key);

    private static async Task<IResult> Put(HttpContext context, Writes writes, JourneyStore journeys, string key)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (definition, invalid) = JourneyRequests.Read(body!, key);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => journeys.SaveAsync(scope, tenant, key, definition!, definition!.Enabled));
    }

    private static async Task<IResult> SetEnabled(HttpContext context, Writes writes, JourneyStore journeys, string key, bool enabled)
    {
        if (!JourneyRequests.IsKey(key))
        {
            return NotFound(key);
        }
        var tenant = context.Tenant();
        var readyMade = ReadyMadeJourneys.All.GetValueOrDefault(key);
        return await writes.RespondAsync(context, [], scope => journeys.SetEnabledAsync(scope, tenant, key, enabled, readyMade));
    }

    private static async Task<IResult> Report(HttpContext context, JourneyStore journeys, JourneyQueries queries, string key)
    {
        var tenant = context.Tenant();
        if (!JourneyRequests.IsKey(key) || await journeys.GetAsync(tenant, key, context.RequestAborted) is not { } journey)
        {
            return NotFound(key);
        }
        var counts = await queries.CountsAsync(tenant, key, context.RequestAborted);
        return TypedResults.Ok(JourneyReport.Of(journey, counts));
    }

    private static async Task<IResult> GetSettings(HttpContext context, JourneySettings settings) =>
        TypedResults.Ok(await settings.GetAsync(context.Tenant(), context.RequestAborted));

    private static async Task<IResult> PutSettings(HttpContext context, Writes writes, JourneySettings settings)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<JourneySettingsRequest>(body);
        var (percent, broken) = invalid is null ? JourneyRequests.Read(request!, errors) : (null, invalid);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => settings.SaveAsync(scope, tenant, percent!.Value));
    }

    private static StoredResponseResult NotFound(string key) => new(Responses.NotFound($"Journey '{key}'"));
}
