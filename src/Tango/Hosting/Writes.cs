using Tango.Auth;
using Tango.Store.Events;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// Every POST, PATCH and DELETE runs through here: the work joins the group-commit queue, and when the
/// request carries an Idempotency-Key the response is stored with the work in the same transaction.
/// </summary>
public sealed class Writes(WriteQueue queue, EventWrites events, PurchaseBatch purchases, TimeProvider clock)
{
    public const string KeyHeader = "Idempotency-Key";

    /// <param name="memberId">Writes for one member commit in the order they arrive.</param>
    public Task<StoredResponse> RunAsync(string tenantId, string? key, string requestHash, Func<WriteScope, Task<StoredResponse>> work,
        string? memberId = null) =>
        RunKeyedAsync(tenantId, key, requestHash, (scope, idempotency) => IdempotentWrite.RunAsync(scope, idempotency, () => work(scope)), memberId);

    /// <summary>For work that checks and stores the Idempotency-Key itself, in its own round trips (the purchase path).</summary>
    public Task<StoredResponse> RunKeyedAsync(string tenantId, string? key, string requestHash,
        Func<WriteScope, IdempotencyKey?, Task<StoredResponse>> work, string? memberId = null) =>
        WithRetryAsync(() => queue.RunAsync(
            scope => work(scope, key is null ? null : new IdempotencyKey(tenantId, key, requestHash, clock.GetUtcNow())),
            memberId is null ? null : tenantId + "/" + memberId));

    /// <summary>
    /// An event, applied at most once per key. Purchases go through the batched path: the purchases of
    /// one group commit share one read and one write round trip.
    /// </summary>
    public Task<StoredResponse> RunEventAsync(string tenantId, string? key, string requestHash, EventCommand command) =>
        command.Purchase is null
            ? RunKeyedAsync(tenantId, key, requestHash, (scope, idempotency) => events.WriteAsync(scope, command, idempotency), command.MemberId)
            : WithRetryAsync(() => queue.RunAsync(purchases,
                new PurchaseInput(command, key is null ? null : new IdempotencyKey(tenantId, key, requestHash, clock.GetUtcNow())),
                tenantId + "/" + command.MemberId));

    public async Task<IResult> RespondEventAsync(HttpContext context, byte[] body, EventCommand command)
    {
        var hash = IdempotentWrite.HashRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body);
        var response = await RunEventAsync(command.TenantId, context.Request.Headers[KeyHeader].ToString(), hash, command);
        return new StoredResponseResult(response.KeyReused ? KeyReused() : response);
    }

    public Task<IResult> RespondAsync(HttpContext context, byte[] body, Func<WriteScope, Task<StoredResponse>> work, bool keyRequired = false,
        string? memberId = null) =>
        RespondKeyedAsync(context, body, (scope, idempotency) => IdempotentWrite.RunAsync(scope, idempotency, () => work(scope)), keyRequired, memberId);

    public async Task<IResult> RespondKeyedAsync(HttpContext context, byte[] body, Func<WriteScope, IdempotencyKey?, Task<StoredResponse>> work,
        bool keyRequired = false, string? memberId = null)
    {
        var key = context.Request.Headers[KeyHeader].ToString();
        if (key.Length == 0)
        {
            if (keyRequired)
            {
                return new StoredResponseResult(Responses.Problem(400, "idempotency-key-required", "Idempotency-Key required",
                    $"Send an {KeyHeader} header with this request.", new Dictionary<string, string[]> { [KeyHeader] = ["Required."] }));
            }
        }
        else if (CheckKey(key) is { } problem)
        {
            return new StoredResponseResult(problem);
        }
        var hash = IdempotentWrite.HashRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body);
        var response = await RunKeyedAsync(context.Tenant(), key.Length == 0 ? null : key, hash, work,
            memberId ?? context.Request.RouteValues["id"] as string);
        return new StoredResponseResult(response.KeyReused ? KeyReused() : response);
    }

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
