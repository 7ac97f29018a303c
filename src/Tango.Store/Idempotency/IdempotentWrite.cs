using System.Security.Cryptography;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Idempotency;

/// <summary>A response as the client saw it: kept so a retry with the same key gets it again.</summary>
public sealed record StoredResponse(int Status, string Body, bool Replayed = false, bool KeyReused = false)
{
    public static StoredResponse KeyReusedWithOtherBody { get; } = new(422, "", KeyReused: true);
}

/// <summary>
/// Runs write work at most once per (tenant, Idempotency-Key). The key's record is written in the
/// same transaction as the work, so either both are stored or neither is; a retry that arrives while
/// the first is in flight waits on the row's unique key and then replays.
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

    public static async Task<StoredResponse> RunAsync(
        WriteScope scope, string tenantId, string? key, string requestHash, DateTimeOffset now, Func<Task<StoredResponse>> work)
    {
        if (key is null)
        {
            return await work();
        }
        var existing = await scope.Connection.QuerySingleOrDefaultAsync<KeyRecord>(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE tenant_id = @tenantId AND idem_key = @key",
            new { tenantId, key }, scope.Transaction);
        if (existing is { } found)
        {
            return found.RequestHash == requestHash
                ? new StoredResponse(found.Status, found.Response, Replayed: true)
                : StoredResponse.KeyReusedWithOtherBody;
        }
        var response = await work();
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, status, response, created_at)
            VALUES (@tenantId, @key, @requestHash, @status, @response, @now)
            """,
            new { tenantId, key, requestHash, status = response.Status, response = response.Body, now }, scope.Transaction);
        return response;
    }

    /// <summary>Keys are promised for 24 hours; they are kept for 48 so a slow retry still replays.</summary>
    public static async Task<int> PurgeAsync(WriteScope scope, DateTimeOffset olderThan) =>
        await scope.Connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE created_at < @olderThan", new { olderThan }, scope.Transaction);

    private sealed class KeyRecord
    {
        public string RequestHash { get; init; } = "";
        public int Status { get; init; }
        public string Response { get; init; } = "";
    }
}
