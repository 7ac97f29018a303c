using Tango.Auth;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Service;

namespace Tango.Service;

/// <summary>Support tickets with SLA due times; the breach job is <see cref="SlaWorker"/>.</summary>
public static class TicketsEndpoints
{
    public static void MapTickets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/tickets").WithTags("Tickets").RequireAuthorization(Policies.Read);
        group.MapPost("", Create).RequireAuthorization(Policies.Ingest)
            .Accepts<CreateTicketRequest>("application/json").Produces<Ticket>(201).ProducesProblem(404).ProducesValidationProblem(422);
        group.MapGet("", List).Produces<Paging.Page<Ticket>>().ProducesValidationProblem(422);
        group.MapGet("/{ticketId}", Get).Produces<Ticket>().ProducesProblem(404);
        group.MapPatch("/{ticketId}", Patch).RequireAuthorization(Policies.Ingest)
            .Accepts<TicketPatchBody>("application/merge-patch+json", "application/json").Produces<Ticket>().ProducesProblem(404).ProducesValidationProblem(422);
    }

    /// <summary>The PATCH body, for the OpenAPI document; the handler reads it as a merge patch.</summary>
    public sealed record TicketPatchBody(string? Status, string? Priority, bool? Responded, string? Subject);

    private static async Task<IResult> Create(HttpContext context, Writes writes, TicketWrites tickets)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<CreateTicketRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var (ticket, broken) = TicketRequests.Validate(request!, errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => tickets.CreateAsync(scope, tenant, ticket!), ticket!.MemberId);
    }

    private static async Task<IResult> List(HttpContext context, TicketQueries tickets)
    {
        var (filter, problem) = TicketRequests.ReadFilter(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (items, next) = await tickets.ListAsync(context.Tenant(), filter!, context.RequestAborted);
        return TypedResults.Ok(new Paging.Page<Ticket>(items, Paging.Encode(next)));
    }

    private static async Task<IResult> Get(HttpContext context, TicketQueries tickets, string ticketId) =>
        Validate.IsId(ticketId) && await tickets.GetAsync(context.Tenant(), ticketId, context.RequestAborted) is { } ticket
            ? TypedResults.Ok(ticket)
            : NotFound(ticketId);

    private static async Task<IResult> Patch(HttpContext context, Writes writes, TicketWrites tickets, string ticketId)
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
        var (patch, broken) = TicketRequests.ValidatePatch(element, errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        if (!Validate.IsId(ticketId))
        {
            return NotFound(ticketId);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => tickets.PatchAsync(scope, tenant, ticketId, patch!));
    }

    private static IResult NotFound(string ticketId) => new StoredResponseResult(Responses.NotFound($"Ticket '{ticketId}'"));
}
