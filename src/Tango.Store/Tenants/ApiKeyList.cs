using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Tenants;

/// <summary>A key as listed: its id, role and dates, never the key.</summary>
public sealed record ApiKeyInfo(string KeyId, string TenantId, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Listing and revoking keys. A revoked key stays listed (with when it was revoked) and opens nothing.</summary>
public sealed class ApiKeyList(Database db, ApiKeys keys, TimeProvider clock)
{
    private const string Select = "SELECT key_id, tenant_id, role, created_at, last_used_at, revoked_at FROM api_keys";

    /// <summary>The keys of one tenant, or of every tenant when <paramref name="tenantId"/> is null; oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string? tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<KeyRow>(
            $"{Select} {(tenantId is null ? "" : "WHERE tenant_id = @tenantId")} ORDER BY tenant_id, created_at, key_id", new { tenantId }))
            .Select(r => r.Info).ToList();
    }

    /// <summary>Revokes a key of the tenant; false when the tenant has no such key. Revoking again changes nothing.</summary>
    public async Task<bool> RevokeAsync(WriteScope scope, string tenantId, string keyId)
    {
        await scope.Connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @now WHERE tenant_id = @tenantId AND key_id = @keyId AND revoked_at IS NULL",
            new { now = clock.GetUtcNow(), tenantId, keyId }, scope.Transaction);
        var found = await scope.Connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM api_keys WHERE tenant_id = @tenantId AND key_id = @keyId", new { tenantId, keyId }, scope.Transaction) > 0;
        keys.Forget(keyId);
        return found;
    }

    /// <summary>Revokes a key of any tenant (the command line, run by whoever runs the store); null when there is no such key.</summary>
    public async Task<ApiKeyInfo?> RevokeAsync(string keyId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("UPDATE api_keys SET revoked_at = @now WHERE key_id = @keyId AND revoked_at IS NULL",
            new { now = clock.GetUtcNow(), keyId });
        keys.Forget(keyId);
        return (await connection.QuerySingleOrDefaultAsync<KeyRow>($"{Select} WHERE key_id = @keyId", new { keyId }))?.Info;
    }

    private sealed class KeyRow
    {
        public string KeyId { get; init; } = "";
        public string TenantId { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastUsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }

        public ApiKeyInfo Info => new(KeyId, TenantId, Role, CreatedAt, LastUsedAt, RevokedAt);
    }
}
