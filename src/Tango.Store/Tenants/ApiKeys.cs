using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Tenants;

public enum Role { Read, Ingest, Admin }

public sealed record KeyOwner(string TenantId, Role Role);

/// <summary>
/// API keys are random 256-bit secrets, so a single SHA-256 is the right hash: nothing to brute-force,
/// and lookups stay fast enough to run on every request. Only the hash is stored.
/// </summary>
public sealed class ApiKeys(Database db, TimeProvider clock)
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (KeyOwner? Owner, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string NewSecret() => "tk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public async Task<KeyOwner?> FindAsync(string key, CancellationToken ct = default)
    {
        var hash = Hash(key);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Owner;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT tenant_id, role FROM api_keys WHERE key_hash = @hash", new { hash });
        var owner = row is null ? null : new KeyOwner(row.TenantId, Enum.Parse<Role>(row.Role, ignoreCase: true));
        _cache[hash] = (owner, now + s_cacheFor);
        return owner;
    }

    /// <summary>Creates the key (and its tenant if new); returns the secret, which is never stored.</summary>
    public async Task<string> CreateAsync(string tenantId, Role role, string? secret = null, CancellationToken ct = default)
    {
        secret ??= NewSecret();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "INSERT INTO tenants (tenant_id, created_at) VALUES (@tenantId, @now) ON CONFLICT (tenant_id) DO NOTHING",
            new { tenantId, now }, tx);
        await connection.ExecuteAsync(
            "INSERT INTO api_keys (key_hash, tenant_id, role, key_prefix, created_at) VALUES (@hash, @tenantId, @role, @prefix, @now)",
            new { hash = Hash(secret), tenantId, role = role.ToString().ToLowerInvariant(), prefix = secret[..Math.Min(6, secret.Length)], now }, tx);
        await tx.CommitAsync(ct);
        return secret;
    }

    public async Task EnsureTenantAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO tenants (tenant_id, created_at) VALUES (@tenantId, @now) ON CONFLICT (tenant_id) DO NOTHING",
            new { tenantId, now = clock.GetUtcNow() });
    }

    /// <summary>An empty store with a bootstrap key configured gets tenant "default" with that admin key.</summary>
    public async Task<bool> BootstrapAsync(string adminKey, CancellationToken ct = default)
    {
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            var tenants = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenants");
            if (tenants > 0)
            {
                return false;
            }
        }
        try
        {
            await CreateAsync("default", Role.Admin, adminKey, ct);
            return true;
        }
        catch (Exception ex) when (Database.IsUniqueViolation(ex))
        {
            return false; // another node bootstrapped first
        }
    }

    private sealed class KeyRow
    {
        public string TenantId { get; init; } = "";
        public string Role { get; init; } = "";
    }
}
