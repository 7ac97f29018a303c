using System.Text.Json;
using Tango.Analytics;
using Tango.Auth;
using Tango.Domain.Service;
using Tango.Hosting;
using Tango.Store.Analytics;
using Tango.Store.Infrastructure;
using Tango.Store.Insiders;
using Tango.Store.Journeys;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;
using Tango.Store.Segments;
using Tango.Store.Service;

namespace Tango.Members;

public static class MembersEndpoints
{
    public static void MapMembers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/members").WithTags("Members").RequireAuthorization(Policies.Read);
        group.MapPost("", Create).RequireAuthorization(Policies.Ingest)
            .Accepts<CreateMemberRequest>("application/json").Produces<Member>(201).ProducesProblem(409).ProducesValidationProblem(422);
        // `Accept: text/csv` answers the whole match as CSV (see docs/web.md), which the document does not describe.
        group.MapGet("", List).Produces<MemberListPage>().ProducesValidationProblem(422);
        group.MapGet("/{id}", Get).Produces<Member>().ProducesProblem(404);
        group.MapPatch("/{id}", Patch).RequireAuthorization(Policies.Ingest)
            .Accepts<CreateMemberRequest>("application/merge-patch+json", "application/json").Produces<Member>().ProducesValidationProblem(422);
        group.MapDelete("/{id}", Erase).RequireAuthorization(Policies.Admin).Produces(204).ProducesProblem(404);
        group.MapGet("/{id}/export", Export).RequireAuthorization(Policies.Admin).Produces<MemberExport>().ProducesProblem(404);
        group.MapGet("/{id}/profile", Profile);
        group.MapTimeline();
        group.MapPost("/{id}/markers", AddMarker).RequireAuthorization(Policies.Ingest)
            .Accepts<MarkerRequest>("application/json").Produces<Marker>(201);
        group.MapGet("/{id}/markers", ListMarkers).Produces<IReadOnlyList<Marker>>();
        group.MapDelete("/{id}/markers/{markerId}", RemoveMarker).RequireAuthorization(Policies.Ingest);
        group.MapPost("/{id}/markers/{markerId}/raised", MarkerRaised).RequireAuthorization(Policies.Ingest).Produces<Marker>();
    }

    private static async Task<IResult> Create(HttpContext context, Writes writes, TimeProvider clock)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<CreateMemberRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var (member, broken) = MemberRequests.Validate(request!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => MemberWrites.CreateAsync(scope, tenant, member!, clock.GetUtcNow()));
    }

    private static async Task<IResult> List(HttpContext context, MemberQueries members, SavedSegments segments)
    {
        var (query, bad) = MemberSearchRequest.Read(context.Request.Query);
        var (limit, cursorText, badPaging) = Paging.Read(context.Request);
        var (cursor, badCursor) = query is null ? (null, null) : MemberListing.Cursor(cursorText, query.Sort);
        if ((bad ?? badPaging ?? badCursor) is { } problem)
        {
            return new StoredResponseResult(problem);
        }
        var tenant = context.Tenant();
        var (filters, missing) = await MemberListing.FiltersAsync(query!, tenant, segments, context.RequestAborted);
        if (missing is not null)
        {
            return new StoredResponseResult(missing);
        }
        if (MemberListing.WantsCsv(context.Request))
        {
            await MemberListing.WriteCsvAsync(context.Response, members, tenant, filters!, query!.Sort, context.RequestAborted);
            return Results.Empty;
        }
        var page = await members.SearchAsync(tenant, new MemberSearch(filters!, query!.Sort, limit, cursor), withTotal: true, context.RequestAborted);
        return TypedResults.Ok(new MemberListPage(page.Items, Paging.Encode(page.Next?.ToText()), page.Total ?? 0));
    }

    private static async Task<IResult> Get(HttpContext context, MemberQueries members, string id) =>
        await members.GetAsync(context.Tenant(), id, context.RequestAborted) is { } member
            ? TypedResults.Ok(member)
            : NotFound(id);

    private static async Task<IResult> Patch(HttpContext context, Writes writes, TimeProvider clock, string id)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (element, errors, malformed) = JsonInput.ReadElement(body);
        if (malformed is not null)
        {
            return new StoredResponseResult(malformed);
        }
        var (patch, broken) = MemberRequests.ValidatePatch(element, id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => MemberWrites.PatchAsync(scope, tenant, id, patch!, clock.GetUtcNow()));
    }

    private static Task<IResult> Erase(HttpContext context, Writes writes, TimeProvider clock, string id)
    {
        var tenant = context.Tenant();
        return writes.RespondAsync(context, [], scope => MemberWrites.EraseAsync(scope, tenant, id, clock.GetUtcNow()));
    }

    private static async Task<IResult> Export(HttpContext context, MemberQueries members, ProgramStore programs, string id)
    {
        var tenant = context.Tenant();
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        return await members.ExportAsync(tenant, id, program.Document.Currency, context.RequestAborted) is { } export
            ? Results.Json(export, StoreJson.Options)
            : NotFound(id);
    }

    private static async Task<IResult> Profile(HttpContext context, MemberQueries members, LedgerQueries ledger,
        ProgramStore programs, Database db, InsightsStore insights, AnalyticsRefresh refresh, TicketQueries tickets, SurveyQueries surveys,
        JourneyQueries journeys, string id)
    {
        var tenant = context.Tenant();
        var member = await members.GetAsync(tenant, id, context.RequestAborted);
        if (member is null)
        {
            return NotFound(id);
        }
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        var balance = await ledger.BalanceOfAsync(tenant, id, context.RequestAborted);
        await using var connection = await db.OpenConnectionAsync(context.RequestAborted);
        var tier = program.Document.Tiers?.FirstOrDefault(t => t.Id == member.Tier);
        return TypedResults.Ok(new
        {
            member,
            memberSince = await members.MemberSinceAsync(member, tenant, context.RequestAborted),
            balance,
            tier = member.Tier is null ? null : new { id = member.Tier, name = tier?.Name ?? member.Tier },
            insights = await AnalyticsEndpoints.ViewAsync(tenant, id, insights, refresh, context.RequestAborted),
            markerToRaise = await Markers.ToRaiseAsync(connection, tenant, id),
            recentActivity = await members.RecentActivityAsync(tenant, id, program.Document.Currency, 10, context.RequestAborted),
            openTickets = await tickets.OpenForMemberAsync(tenant, id, context.RequestAborted),
            latestNps = await surveys.LatestAsync(tenant, id, SurveyKind.Nps, context.RequestAborted),
            latestCsat = await surveys.LatestAsync(tenant, id, SurveyKind.Csat, context.RequestAborted),
            journeys = await journeys.ForMemberAsync(tenant, id, context.RequestAborted),
            insiders = await InsiderQueries.ForMemberAsync(connection, tenant, id),
        });
    }

    private static async Task<IResult> AddMarker(HttpContext context, Writes writes, TimeProvider clock, string id)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<MarkerRequest>(body);
        if ((invalid ?? MemberRequests.ValidateMarker(request!, errors)) is { } bad)
        {
            return new StoredResponseResult(bad);
        }
        var tenant = context.Tenant();
        var marker = new NewMarker(request!.Text!.Trim(), request.Kind, request.RemindOn);
        return await writes.RespondAsync(context, body!, scope => Markers.AddAsync(scope, tenant, id, marker, clock));
    }

    private static async Task<IResult> ListMarkers(HttpContext context, Database db, MemberQueries members, string id)
    {
        var tenant = context.Tenant();
        if (await members.GetAsync(tenant, id, context.RequestAborted) is null)
        {
            return NotFound(id);
        }
        await using var connection = await db.OpenConnectionAsync(context.RequestAborted);
        return TypedResults.Ok(new { items = await Markers.ListAsync(connection, tenant, id), nextCursor = (string?)null });
    }

    private static Task<IResult> RemoveMarker(HttpContext context, Writes writes, string id, string markerId)
    {
        var tenant = context.Tenant();
        return writes.RespondAsync(context, [], scope => Markers.RemoveAsync(scope, tenant, id, markerId));
    }

    private static Task<IResult> MarkerRaised(HttpContext context, Writes writes, TimeProvider clock, string id, string markerId)
    {
        var tenant = context.Tenant();
        return writes.RespondAsync(context, [], scope => Markers.RaisedAsync(scope, tenant, id, markerId, clock.GetUtcNow()));
    }

    internal static IResult NotFound(string id) => new StoredResponseResult(Responses.NotFound($"Member '{id}'"));

    internal static (JsonElement Element, IResult? Problem) ParseElement(byte[] body)
    {
        var (root, problem) = JsonInput.ParseDocument(body);
        return (root, problem is null ? null : new StoredResponseResult(problem));
    }
}
