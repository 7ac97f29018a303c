using Tango.Auth;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Members;

namespace Tango.Journeys.Messaging;

/// <summary>The member's in-app inbox, and the one-click unsubscribe link that marketing email carries.</summary>
public static class MessagingEndpoints
{
    public static void MapMessaging(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/members/{id}/inbox", Inbox).WithTags("Members").RequireAuthorization(Policies.Read)
            .Produces<Paging.Page<InboxMessage>>().ProducesProblem(404);
        var unsubscribe = app.MapGroup("/v1/unsubscribe").WithTags("Journeys").AllowAnonymous();
        unsubscribe.MapGet("/{token}", Describe).ProducesProblem(404);
        // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" (form-encoded) to the link; the body is not needed.
        unsubscribe.MapPost("/{token}", Unsubscribe).ProducesProblem(404).DisableAntiforgery();
    }

    private static async Task<IResult> Inbox(HttpContext context, MemberQueries members, JourneyQueries queries, string id)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var tenant = context.Tenant();
        if (await members.GetAsync(tenant, id, context.RequestAborted) is null)
        {
            return MembersEndpoints.NotFound(id);
        }
        var (items, next) = await queries.InboxAsync(tenant, id, limit, cursor, context.RequestAborted);
        return TypedResults.Ok(new Paging.Page<InboxMessage>(items, Paging.Encode(next)));
    }

    /// <summary>GET only describes the link (mail scanners fetch links); the unsubscribe itself is a POST.</summary>
    private static async Task<IResult> Describe(HttpContext context, Database db, string token) =>
        await CheckAsync(db, token, context.RequestAborted) is { } target
            ? TypedResults.Ok(new { channel = target.Channel, unsubscribe = "POST to this URL to stop marketing messages on this channel." })
            : NotFound();

    private static async Task<IResult> Unsubscribe(HttpContext context, Database db, Writes writes, Unsubscribes unsubscribes, string token)
    {
        if (await CheckAsync(db, token, context.RequestAborted) is not { } target)
        {
            return NotFound();
        }
        var hash = IdempotentWrite.HashRequest("POST", UnsubscribeLinks.Path + token, []);
        var response = await writes.RunAsync(target.TenantId, null, hash, async scope =>
            await unsubscribes.ApplyAsync(scope, target.TenantId, target.MemberId, target.Channel, null)
                ? Responses.Json(200, new { unsubscribed = true, channel = target.Channel })
                : Responses.NotFound("The subscription"), target.MemberId);
        return new StoredResponseResult(response);
    }

    private static async Task<UnsubscribeLinks.Target?> CheckAsync(Database db, string token, CancellationToken ct)
    {
        if (UnsubscribeLinks.Read(token) is not { } target)
        {
            return null;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        return await Unsubscribes.FindSigningKeyAsync(connection, target.TenantId) is { } key && UnsubscribeLinks.Verify(key, token, target) ? target : null;
    }

    private static StoredResponseResult NotFound() => new(Responses.NotFound("The unsubscribe link"));
}
