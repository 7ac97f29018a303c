using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>
/// One-click unsubscribe: the member's marketing consent for the channel goes off (the member API shows it),
/// and the unsubscribe is recorded with the message it came from.
/// </summary>
public sealed class Unsubscribes(TimeProvider clock)
{
    public async Task<bool> ApplyAsync(WriteScope scope, string tenantId, string memberId, string channel, string? messageId)
    {
        var now = clock.GetUtcNow();
        var changed = await scope.Connection.ExecuteAsync(
            "UPDATE members SET consent_email = @no, updated_at = @now WHERE tenant_id = @tenantId AND member_id = @memberId AND erased_at IS NULL",
            new { no = false, now, tenantId, memberId }, scope.Transaction);
        if (changed == 0)
        {
            return false;
        }
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO unsubscribes (tenant_id, member_id, channel, message_id, at) VALUES (@tenantId, @memberId, @channel, @messageId, @now)
            ON CONFLICT (tenant_id, member_id, channel) DO UPDATE SET message_id = excluded.message_id, at = excluded.at
            """, new { tenantId, memberId, channel, messageId, now }, scope.Transaction);
        return true;
    }

    /// <summary>The tenant's key for signing unsubscribe links, made on first use and shared by every node through the store.</summary>
    public async Task<byte[]> SigningKeyAsync(WriteScope scope, string tenantId)
    {
        var cacheKey = "journey-key:" + tenantId;
        if (scope.Cache.TryGetValue(cacheKey, out var cached))
        {
            return (byte[])cached;
        }
        await scope.Connection.ExecuteAsync(
            "INSERT INTO journey_keys (tenant_id, signing_key, created_at) VALUES (@tenantId, @key, @now) ON CONFLICT (tenant_id) DO NOTHING",
            new { tenantId, key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), now = clock.GetUtcNow() }, scope.Transaction);
        var key = Convert.FromBase64String(await scope.Connection.QuerySingleAsync<string>(
            "SELECT signing_key FROM journey_keys WHERE tenant_id = @tenantId", new { tenantId }, scope.Transaction));
        scope.Cache[cacheKey] = key;
        return key;
    }

    /// <summary>The key to check a link with; null when the tenant never signed one.</summary>
    public static async Task<byte[]?> FindSigningKeyAsync(DbConnection connection, string tenantId) =>
        await connection.QuerySingleOrDefaultAsync<string>("SELECT signing_key FROM journey_keys WHERE tenant_id = @tenantId", new { tenantId })
            is { } key ? Convert.FromBase64String(key) : null;
}
