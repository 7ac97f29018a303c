using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;

namespace Tango.Auth;

public sealed record KeyRequest(string? Role);

public sealed record NewKey(string KeyId, string? Key);

public sealed record KeyView(string KeyId, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// The tenant's API keys (admin): list them (never the key), make one (the key is in the 201 and nowhere else), and
/// revoke one, which every node refuses within <see cref="ApiKeys.CacheFor"/>. With an Idempotency-Key, a replay
/// answers the same key id without the key: the key itself is never stored, not even in the replay record.
/// </summary>
public static class KeysEndpoints
{
    public static void MapKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/keys").WithTags("Keys").RequireAuthorization(Policies.Admin);
        group.MapGet("", List).Produces<Paging.Page<KeyView>>();
        group.MapPost("", Create).Accepts<KeyRequest>("application/json").Produces<NewKey>(201).ProducesValidationProblem(422);
        group.MapDelete("/{keyId}", Revoke).Produces(204).ProducesProblem(404);
    }

    private static async Task<IResult> List(HttpContext context, ApiKeyList keys) =>
        Paging.Answer(context.Request, (await keys.ListAsync(context.Tenant(), context.RequestAborted))
            .Select(k => new KeyView(k.KeyId, k.Role, k.CreatedAt, k.LastUsedAt, k.RevokedAt)), k => k.KeyId);

    private static async Task<IResult> Create(HttpContext context, Writes writes, ApiKeys keys)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, invalid) = JsonInput.Parse<KeyRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        if (request!.Role is not ("admin" or "ingest" or "read"))
        {
            return new StoredResponseResult(Responses.Invalid("role", "Required: admin, ingest or read."));
        }
        var role = Enum.Parse<Role>(request.Role, ignoreCase: true);
        var idempotencyKey = context.Request.Headers[Writes.KeyHeader].ToString();
        if (idempotencyKey.Length > 0 && Writes.CheckKey(idempotencyKey) is { } badKey)
        {
            return new StoredResponseResult(badKey);
        }
        var tenant = context.Tenant();
        var secret = ApiKeys.NewSecret(); // made once, so a rerun of the write stores the same key
        var hash = IdempotentWrite.HashRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body!);
        var stored = await writes.RunAsync(tenant, idempotencyKey.Length == 0 ? null : idempotencyKey, hash, async scope =>
            Responses.Json(201, new NewKey(await keys.InsertAsync(scope, tenant, role, secret), null)));
        if (stored.KeyReused)
        {
            return new StoredResponseResult(Writes.KeyReused());
        }
        if (stored.Replayed || stored.Status != 201)
        {
            return new StoredResponseResult(stored);
        }
        var created = System.Text.Json.JsonSerializer.Deserialize<NewKey>(stored.Body, StoreJson.Options)!;
        return new StoredResponseResult(Responses.Json(201, created with { Key = secret }));
    }

    private static Task<IResult> Revoke(HttpContext context, Writes writes, ApiKeyList keys, string keyId)
    {
        var tenant = context.Tenant();
        return writes.RespondAsync(context, [], async scope =>
            await keys.RevokeAsync(scope, tenant, keyId) ? new StoredResponse(204, "") : Responses.NotFound($"Key '{keyId}'"));
    }
}
