using System.Security.Cryptography;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Idempotency;

/// <summary>A response as the client saw it: kept so a retry with the same key gets it again.</summary>
public sealed record StoredResponse(int Status, string Body, bool Replayed = false, bool KeyReused = false)
{
    public static StoredResponse KeyReusedWithOtherBody { get; } = new(422, "", KeyReused: true);
}

/// <summary>An Idempotency-Key as one request presented it: the tenant's key and the hash of the request.</summary>
public sealed record IdempotencyKey(string TenantId, string Key, string RequestHash, DateTimeOffset Now)
{
    /// <summary>Reads the key's record; its parameters are named so it can share a command with other reads.</summary>
    internal const string SelectSql =
        "SELECT request_hash, status, response FROM idempotency_keys WHERE tenant_id = @idemTenant AND idem_key = @idemKey";

    internal const string InsertSql = """
        INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, status, response, created_at)
        VALUES (@idemTenant, @idemKey, @requestHash, @status, @response, @now)
        """;

    internal Dictionary<string, object?> SelectArgs => new() { ["idemTenant"] = TenantId, ["idemKey"] = Key };

    internal Dictionary<string, object?> InsertArgs(StoredResponse response) => new()
    {
        ["idemTenant"] = TenantId,
        ["idemKey"] = Key,
        ["requestHash"] = RequestHash,
        ["status"] = response.Status,
        ["response"] = response.Body,
        ["now"] = Now,
    };

    /// <summary>The answer when the key was seen before: the stored response, or a refusal if the body differs.</summary>
    internal StoredResponse? Answer(KeyRecord? found) => found switch
    {
        null => null,
        _ when found.RequestHash == RequestHash => new StoredResponse(found.Status, found.Response, Replayed: true),
        _ => StoredResponse.KeyReusedWithOtherBody,
    };
}

internal sealed class KeyRecord
{
    public string RequestHash { get; init; } = "";
    public int Status { get; init; }
    public string Response { get; init; } = "";
}

/// <summary>
/// Runs write work at most once per (tenant, Idempotency-Key). The key's record is written in the
/// same transaction as the work, so either both are stored or neither is; a retry that arrives while
/// the first is in flight waits on the row's unique key and then replays. The purchase path does the
/// same inline (its read and write batches carry the key) to save two round trips.
/// </summary>
public static class IdempotentWrite
{
    public static string HashRequest(string method, string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(method + " " + path + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static async Task<StoredResponse> RunAsync(WriteScope scope, IdempotencyKey? key, Func<Task<StoredResponse>> work)
    {
        if (key is null)
        {
            return await work();
        }
        var found = await scope.Connection.QuerySingleOrDefaultAsync<KeyRecord>(IdempotencyKey.SelectSql, new DynamicParameters(key.SelectArgs), scope.Transaction);
        if (key.Answer(found) is { } earlier)
        {
            return earlier;
        }
        var response = await work();
        await scope.Connection.ExecuteAsync(IdempotencyKey.InsertSql, new DynamicParameters(key.InsertArgs(response)), scope.Transaction);
        return response;
    }

    /// <summary>Keys are promised for 24 hours; they are kept for 48 so a slow retry still replays.</summary>
    public static async Task<int> PurgeAsync(WriteScope scope, DateTimeOffset olderThan) =>
        await scope.Connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE created_at < @olderThan", new { olderThan }, scope.Transaction);
}
