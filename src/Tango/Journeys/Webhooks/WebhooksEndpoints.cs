using Tango.Auth;
using Tango.Domain.Journeys;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Journeys.Webhooks;

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary>
/// Webhook subscriptions (admin). Deliveries are signed per Standard Webhooks with the secret shown once
/// in the 201, retried with exponential backoff, and every attempt is listed under /deliveries.
/// </summary>
public static class WebhooksEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapPost("", Create).Accepts<WebhookRequest>("application/json").Produces<CreatedWebhook>(201).ProducesValidationProblem(422);
        group.MapGet("", List).Produces<Paging.Page<Webhook>>();
        group.MapGet("/{webhookId}", Get).Produces<Webhook>().ProducesProblem(404);
        group.MapDelete("/{webhookId}", Delete).Produces(204).ProducesProblem(404);
        group.MapGet("/{webhookId}/deliveries", Deliveries).Produces<Paging.Page<WebhookDelivery>>().ProducesProblem(404);
    }

    private static async Task<IResult> Create(HttpContext context, Writes writes, WebhookStore webhooks, JourneyOptions options)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<WebhookRequest>(body);
        var broken = invalid ?? Check(request!, options.WebhooksAllowPrivate, errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => webhooks.CreateAsync(scope, tenant, request!.Url!, request.Events!.Distinct().ToList()));
    }

    private static StoredResponse? Check(WebhookRequest request, bool allowPrivate, Errors errors)
    {
        if (request.Url is not { Length: <= 2000 } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0)
        {
            errors.Add("url", "Required: an absolute http or https URL without credentials, at most 2000 characters.");
        }
        else if (!allowPrivate && PrivateAddresses.IsPrivateHost(uri.Host))
        {
            errors.Add("url", "Webhooks may not reach loopback or private addresses (the server's --webhooks-allow-private allows them).");
        }
        if (request.Events is not { Count: > 0 } events)
        {
            errors.Add("events", $"Required: a non-empty list of event names ({string.Join(", ", WebhookStore.EventNames)}) or \"*\".");
        }
        else
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] != "*" && !WebhookStore.EventNames.Contains(events[i]))
                {
                    errors.Add($"events[{i}]", $"Unknown event '{events[i]}'.");
                }
            }
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    private static async Task<IResult> List(HttpContext context, WebhookStore webhooks) =>
        Paging.Answer(context.Request, await webhooks.ListAsync(context.Tenant(), context.RequestAborted), w => w.WebhookId);

    private static async Task<IResult> Get(HttpContext context, WebhookStore webhooks, string webhookId) =>
        await webhooks.GetAsync(context.Tenant(), webhookId, context.RequestAborted) is { } found ? TypedResults.Ok(found) : NotFound(webhookId);

    private static Task<IResult> Delete(HttpContext context, Writes writes, WebhookStore webhooks, string webhookId)
    {
        var tenant = context.Tenant();
        return writes.RespondAsync(context, [], scope => webhooks.DeleteAsync(scope, tenant, webhookId));
    }

    private static async Task<IResult> Deliveries(HttpContext context, WebhookStore webhooks, string webhookId)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        return await webhooks.DeliveriesAsync(context.Tenant(), webhookId, limit, cursor, context.RequestAborted) is { } page
            ? TypedResults.Ok(new Paging.Page<WebhookDelivery>(page.Items, Paging.Encode(page.Next)))
            : NotFound(webhookId);
    }

    private static StoredResponseResult NotFound(string webhookId) => new(Responses.NotFound($"Webhook '{webhookId}'"));
}
