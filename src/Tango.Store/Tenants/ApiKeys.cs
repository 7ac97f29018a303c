using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Tenants;

public enum Role { Read, Ingest, Admin }

/// <summary>Who a key speaks for: its tenant and role.</summary>
public sealed record KeyOwner(string TenantId, Role Role);

/// <summary>
/// API keys are random 256-bit secrets, so a single SHA-256 is the right hash: nothing to brute-force,
/// and lookups stay fast enough to run on every request. Only the hash is stored; a key's public id is taken
/// from it. Each node trusts a key it found for <see cref="CacheFor"/>, so a revoked (or deleted) key is refused
/// everywhere within that, and keeps knowing that the key was real for <see cref="KnownFor"/> (so that a client
/// sharing an address with a key guesser is not taken for one). Keys it did not find are not remembered at all, and
/// what it remembers is bounded in number, so made-up keys cannot fill its memory.
/// </summary>
public sealed class ApiKeys(Database db, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(10);
    public const int DefaultCacheLimit = 10_000;

    /// <summary>Last use is written at most this often per key and node: it is for people reading the list, not an audit trail.</summary>
    private static readonly TimeSpan s_touchEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (KeyOwner Owner, DateTimeOffset Until, DateTimeOffset KnownUntil)> _cache = new(StringComparer.Ordinal);

    public int CacheLimit { get; init; } = DefaultCacheLimit;

    /// <summary>How many keys this node remembers now.</summary>
    public int CachedCount => _cache.Count;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A key's public id: a prefix of its hash, which tells nothing about the key itself.</summary>
    public static string IdOf(string hash) => "key_" + hash[..16];

    /// <summary>The public id of a key, as lists and limits know it.</summary>
    public static string IdOfKey(string key) => IdOf(Hash(key));

    public static string NewSecret() => "tk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>The owner of a key this node found in the store within <see cref="CacheFor"/>; null when only the store can tell.</summary>
    public KeyOwner? Remembered(string key) =>
        _cache.TryGetValue(Hash(key), out var cached) && cached.Until > clock.GetUtcNow() ? cached.Owner : null;

    /// <summary>This node found the key in the store within <see cref="KnownFor"/>: whoever sends it is no guesser (it may be revoked since).</summary>
    public bool KnownRecently(string key) =>
        _cache.TryGetValue(Hash(key), out var cached) && cached.KnownUntil > clock.GetUtcNow();

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
            "SELECT tenant_id, role, last_used_at FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash });
        if (row is null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        if (row.LastUsedAt is not { } used || used < now - s_touchEvery)
        {
            await connection.ExecuteAsync("UPDATE api_keys SET last_used_at = @now WHERE key_hash = @hash", new { now, hash });
        }
        var owner = new KeyOwner(row.TenantId, Enum.Parse<Role>(row.Role, ignoreCase: true));
        Remember(hash, owner, now);
        return owner;
    }

    private void Remember(string hash, KeyOwner owner, DateTimeOffset now)
    {
        if (_cache.Count >= CacheLimit)
        {
            foreach (var (stale, entry) in _cache)
            {
                if (entry.KnownUntil <= now)
                {
                    _cache.TryRemove(stale, out _);
                }
            }
        }
        if (_cache.Count < CacheLimit || _cache.ContainsKey(hash))
        {
            _cache[hash] = (owner, now + CacheFor, now + KnownFor);
        }
    }

    /// <summary>Makes this node forget a key at once (the others forget it within <see cref="CacheFor"/>).</summary>
    public void Forget(string keyId)
    {
        foreach (var hash in _cache.Keys)
        {
            if (IdOf(hash) == keyId)
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Creates the key (and its tenant if new); returns the secret, which is never stored.</summary>
    public async Task<string> CreateAsync(string tenantId, Role role, string? secret = null, CancellationToken ct = default)
    {
        secret ??= NewSecret();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        await connection.ExecuteAsync(
            "INSERT INTO tenants (tenant_id, created_at) VALUES (@tenantId, @now) ON CONFLICT (tenant_id) DO NOTHING",
            new { tenantId, now = clock.GetUtcNow() }, tx);
        await InsertAsync(connection, tx, tenantId, role, secret);
        await tx.CommitAsync(ct);
        return secret;
    }

    /// <summary>Adds a key to a tenant inside a write; answers its public id.</summary>
    public Task<string> InsertAsync(WriteScope scope, string tenantId, Role role, string secret) =>
        InsertAsync(scope.Connection, scope.Transaction, tenantId, role, secret);

    private async Task<string> InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string tenantId, Role role,
        string secret)
    {
        var hash = Hash(secret);
        var keyId = IdOf(hash);
        await connection.ExecuteAsync(
            """
            INSERT INTO api_keys (key_hash, key_id, tenant_id, role, key_prefix, created_at)
            VALUES (@hash, @keyId, @tenantId, @role, @prefix, @now)
            """,
            new { hash, keyId, tenantId, role = role.ToString().ToLowerInvariant(), prefix = secret[..Math.Min(6, secret.Length)], now = clock.GetUtcNow() },
            tx);
        return keyId;
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
        public DateTimeOffset? LastUsedAt { get; init; }
    }
}
