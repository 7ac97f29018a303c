using System.ComponentModel;
using Tango.Auth;
using Tango.Hosting;
using Tango.Journeys.Engine;
using Tango.Journeys.Messaging;
using Tango.Journeys.Templates;
using Tango.Operations;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Journeys.Incidents;

/// <param name="UnknownMemberIds">Named member ids that are no member: nobody was told under them (the others were).</param>
/// <param name="UnknownOrderIds">Named order ids with no order in the store.</param>
public sealed record IncidentCreated(string IncidentId, int Notified, DateTimeOffset CreatedAt,
    [property: Description("Named member ids that are no member (never enrolled, or erased): nobody was told under them; the others were.")]
    IReadOnlyList<string> UnknownMemberIds,
    [property: Description("Named order ids with no order in the store.")]
    IReadOnlyList<string> UnknownOrderIds);

/// <summary>
/// "Minus eight hours": `POST /v1/incidents` finds exactly the affected members and queues their messages (and
/// any apology points) in one transaction, then wakes the delivery worker; `GET /v1/incidents/{id}` lists who
/// was told, on which channel and when.
/// </summary>
public static class IncidentsEndpoints
{
    public static void MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/incidents").WithTags("Incidents").RequireAuthorization(Policies.Admin);
        group.MapPost("", Create).Accepts<IncidentRequest>("application/json").Produces<IncidentCreated>(201).ProducesValidationProblem(422);
        group.MapGet("/{incidentId}", Get).RequireAuthorization(Policies.Read).Produces<IncidentReport>().ProducesProblem(404);
    }

    private static async Task<IResult> Create(HttpContext context, Writes writes, Outbox outbox, WebhookStore webhooks, JourneyGrants grants,
        MessageComposer composer, JourneyWorker worker, TimeProvider clock, TangoMetrics metrics)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<IncidentRequest>(body);
        var (incident, broken) = invalid is null ? IncidentRequests.Validate(request!, clock.GetUtcNow(), errors) : (null, invalid);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        var inbox = 0;
        var result = await writes.RespondAsync(context, body!, scope =>
        {
            inbox = 0; // the work may run twice (a batch rerun); only the committed run counts
            return NotifyAsync(scope, tenant, incident!, outbox, webhooks, grants, composer, clock, () => inbox++);
        });
        for (var i = 0; i < inbox; i++)
        {
            metrics.JourneySent("inbox");
        }
        worker.Nudge();
        return result;
    }

    /// <summary>The incident write: also what the dashboard's incident form runs.</summary>
    internal static async Task<StoredResponse> NotifyAsync(WriteScope scope, string tenantId, NewIncident incident, Outbox outbox, WebhookStore webhooks,
        JourneyGrants grants, MessageComposer composer, TimeProvider clock, Action inboxDelivered)
    {
        var now = clock.GetUtcNow();
        var incidentId = Ids.New("inc", clock);
        var affected = await Store.Journeys.Incidents.AffectedAsync(scope, tenantId, incident.Affected);
        foreach (var member in await JourneyMembers.FindManyAsync(scope.Connection, scope.Transaction, tenantId, affected.MemberIds))
        {
            var lineId = incident.ApologyPoints > 0
                ? await grants.GrantAsync(scope, tenantId, member.MemberId, incident.ApologyPoints, $"incident {incidentId}: {incident.Title}")
                : null;
            var model = await composer.ModelAsync(scope, member);
            model["incident"] = TemplateModel.Map(("id", incidentId), ("title", incident.Title));
            var (subject, text, refusal) = await MessageComposer.ComposeAsync(incident.Title, incident.Message, model);
            foreach (var channel in incident.Channels)
            {
                var message = new OutgoingMessage(tenantId, member.MemberId, channel, MessageKinds.Transactional, channel == "email" ? member.Email : null,
                    subject, text, IncidentId: incidentId);
                if (refusal is not null || (channel == "email" && string.IsNullOrEmpty(member.Email)))
                {
                    await outbox.SkipAsync(scope, message, refusal ?? "no-address");
                }
                else if (await outbox.AddAsync(scope, message) is not null && channel == "inbox")
                {
                    inboxDelivered();
                }
            }
            if (refusal is null)
            {
                await webhooks.EnqueueAsync(scope, tenantId, "incident.notified", new { incidentId, memberId = member.MemberId, title = subject, message = text });
            }
            await Store.Journeys.Incidents.AddRecipientAsync(scope, tenantId, incidentId, member.MemberId, now, lineId);
        }
        await Store.Journeys.Incidents.InsertAsync(scope, tenantId, incidentId, incident.Title, incident.Message,
            StoreJson.Serialize(incident.Affected), incident.Channels, incident.ApologyPoints, affected, now);
        return Responses.Json(201, new IncidentCreated(incidentId, affected.MemberIds.Count, now, affected.UnknownMemberIds, affected.UnknownOrderIds));
    }

    private static async Task<IResult> Get(HttpContext context, Database db, string incidentId) =>
        await Store.Journeys.Incidents.GetAsync(db, context.Tenant(), incidentId, context.RequestAborted) is { } report
            ? TypedResults.Ok(report)
            : new StoredResponseResult(Responses.NotFound($"Incident '{incidentId}'"));
}
