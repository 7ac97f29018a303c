using Tango.Auth;
using Tango.Operations;
using Tango.Store.Events;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// Every POST, PATCH and DELETE runs through here: the work joins the group-commit queue, and when the
/// request carries an Idempotency-Key the response is stored with the work in the same transaction.
/// </summary>
public sealed class Writes(WriteQueue queue, EventWrites events, PurchaseBatch purchases, TimeProvider clock, TangoMetrics metrics)
{
    public const string KeyHeader = "Idempotency-Key";

    /// <param name="memberId">Writes for one member commit in the order they arrive.</param>
    public Task<StoredResponse> RunAsync(string tenantId, string? key, string requestHash, Func<WriteScope, Task<StoredResponse>> work,
        string? memberId = null) =>
        WithRetryAsync(() => queue.RunAsync(
            scope => IdempotentWrite.RunAsync(scope, Key(tenantId, key, requestHash), () => work(scope)), Partition(tenantId, memberId)));

    /// <summary>
    /// An event, applied at most once per key. Purchases go through the batched path: the purchases of
    /// one group commit share one read and one write round trip.
    /// </summary>
    public async Task<StoredResponse> RunEventAsync(string tenantId, string? key, string requestHash, EventCommand command)
    {
        var response = await WithRetryAsync(() => command.Purchase is null
            ? queue.RunAsync(scope => events.WriteAsync(scope, command, Key(tenantId, key, requestHash)), Partition(tenantId, command.MemberId))
            : queue.RunAsync(purchases, new PurchaseInput(command, Key(tenantId, key, requestHash)), Partition(tenantId, command.MemberId)));
        if (response.Status < 300 && !response.Replayed)
        {
            metrics.EventIngested(command.Type);
        }
        return response;
    }

    public async Task<IResult> RespondEventAsync(HttpContext context, byte[] body, EventCommand command)
    {
        var response = await RunEventAsync(command.TenantId, context.Request.Headers[KeyHeader].ToString(), HashRequest(context, body), command);
        return new StoredResponseResult(response.KeyReused ? KeyReused() : response);
    }

    /// <summary>Runs a write for an HTTP request, honouring its Idempotency-Key when it sends one.</summary>
    public async Task<IResult> RespondAsync(HttpContext context, byte[] body, Func<WriteScope, Task<StoredResponse>> work, string? memberId = null)
    {
        var key = context.Request.Headers[KeyHeader].ToString();
        if (key.Length > 0 && CheckKey(key) is { } problem)
        {
            return new StoredResponseResult(problem);
        }
        var response = await RunAsync(context.Tenant(), key.Length == 0 ? null : key, HashRequest(context, body), work,
            memberId ?? context.Request.RouteValues["id"] as string);
        return new StoredResponseResult(response.KeyReused ? KeyReused() : response);
    }

    private IdempotencyKey? Key(string tenantId, string? key, string requestHash) =>
        string.IsNullOrEmpty(key) ? null : new IdempotencyKey(tenantId, key, requestHash, clock.GetUtcNow());

    private static string? Partition(string tenantId, string? memberId) => memberId is null ? null : tenantId + "/" + memberId;

    private static string HashRequest(HttpContext context, byte[] body) =>
        IdempotentWrite.HashRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body);

    public static StoredResponse? CheckKey(string key) =>
        key.Length is > 0 and <= 255 && key.All(c => c is >= '!' and <= '~')
            ? null
            : Responses.Problem(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                "The key must be 1-255 visible ASCII characters.", new Dictionary<string, string[]> { [KeyHeader] = ["1-255 visible ASCII characters."] });

    public static StoredResponse KeyReused() =>
        Responses.Problem(422, "idempotency-key-reused", "Idempotency-Key reused",
            "This Idempotency-Key was already used with a different request body.",
            new Dictionary<string, string[]> { [KeyHeader] = ["Already used with a different body."] });

    /// <summary>
    /// A unique violation here means another node or batch committed the same key or order first;
    /// running the work again finds it and answers as a replay or a conflict.
    /// </summary>
    private static async Task<StoredResponse> WithRetryAsync(Func<Task<StoredResponse>> run)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await run();
            }
            catch (Exception ex) when (attempt < 4 && (Database.IsUniqueViolation(ex) || Database.IsTransient(ex)))
            {
            }
        }
    }
}
