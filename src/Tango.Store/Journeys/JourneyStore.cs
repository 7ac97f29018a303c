using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tango.Domain.Journeys;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>A journey as the API shows it: its state and its current definition (as written, nulls left out).</summary>
public sealed record JourneyView(string Key, string? Name, int Version, bool Enabled, DateTimeOffset? EnabledAt, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, JsonElement Definition)
{
    public static JourneyView Of(string key, int version, bool enabled, DateTimeOffset? enabledAt, DateTimeOffset createdAt, DateTimeOffset updatedAt,
        JourneyDefinition definition) =>
        new(key, definition.Name, version, enabled, enabledAt, createdAt, updatedAt, JsonSerializer.SerializeToElement(definition, JourneyJson.Options));
}

/// <summary>An enabled journey, as the engine runs it.</summary>
public sealed record ActiveJourney(string TenantId, string Key, int Version, DateTimeOffset EnabledAt, JourneyDefinition Definition);

/// <summary>
/// Journey definitions. A PUT appends a version (nothing is overwritten): an entry runs the version it
/// entered with, so editing a journey never changes the path of members already in it.
/// </summary>
public sealed class JourneyStore(Database db, TimeProvider clock)
{
    // Versions never change once written, so parsed definitions cannot go stale.
    private readonly ConcurrentDictionary<(string, string, int), JourneyDefinition> _versions = new();

    /// <summary>Saves a new version; <paramref name="enabled"/> null keeps the journey's state (off for a new one).</summary>
    public async Task<StoredResponse> SaveAsync(WriteScope scope, string tenantId, string key, JourneyDefinition definition, bool? enabled)
    {
        var now = clock.GetUtcNow();
        var current = await FindRowAsync(scope.Connection, scope.Transaction, tenantId, key, scope.Db.ForUpdate);
        var version = (current?.Version ?? 0) + 1;
        var stored = definition with { Enabled = null };
        await scope.Connection.ExecuteAsync(
            "INSERT INTO journey_versions (tenant_id, journey_key, version, definition, created_at) VALUES (@tenantId, @key, @version, @definition, @now)",
            new { tenantId, key, version, definition = JourneyJson.Serialize(stored), now }, scope.Transaction);
        var on = enabled ?? current?.Enabled ?? false;
        var enabledAt = on ? (current is { Enabled: true } ? current.EnabledAt : now) : null;
        if (current is null)
        {
            await scope.Connection.ExecuteAsync(
                """
                INSERT INTO journeys (tenant_id, journey_key, version, enabled, enabled_at, created_at, updated_at)
                VALUES (@tenantId, @key, @version, @on, @enabledAt, @now, @now)
                """, new { tenantId, key, version, on, enabledAt, now }, scope.Transaction);
        }
        else
        {
            await scope.Connection.ExecuteAsync(
                """
                UPDATE journeys SET version = @version, enabled = @on, enabled_at = @enabledAt, updated_at = @now
                WHERE tenant_id = @tenantId AND journey_key = @key
                """, new { tenantId, key, version, on, enabledAt, now }, scope.Transaction);
        }
        var view = JourneyView.Of(key, version, on, enabledAt, current?.CreatedAt ?? now, now, stored);
        return Responses.Json(current is null ? 201 : 200, view);
    }

    /// <summary>Switches a journey on or off. Switching on a ready-made journey not yet defined defines it first.</summary>
    public async Task<StoredResponse> SetEnabledAsync(WriteScope scope, string tenantId, string key, bool enabled, JourneyDefinition? readyMade)
    {
        var current = await FindRowAsync(scope.Connection, scope.Transaction, tenantId, key, scope.Db.ForUpdate);
        if (current is null)
        {
            return readyMade is null
                ? Responses.NotFound($"Journey '{key}'")
                : await SaveAsync(scope, tenantId, key, readyMade, enabled);
        }
        var now = clock.GetUtcNow();
        var enabledAt = enabled ? (current.Enabled ? current.EnabledAt : now) : null;
        await scope.Connection.ExecuteAsync(
            "UPDATE journeys SET enabled = @enabled, enabled_at = @enabledAt, updated_at = @now WHERE tenant_id = @tenantId AND journey_key = @key",
            new { enabled, enabledAt, now, tenantId, key }, scope.Transaction);
        var definition = await VersionAsync(scope.Connection, scope.Transaction, tenantId, key, current.Version);
        return Responses.Json(200, JourneyView.Of(key, current.Version, enabled, enabledAt, current.CreatedAt, now, definition));
    }

    public async Task<JourneyView?> GetAsync(string tenantId, string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await FindRowAsync(connection, null, tenantId, key, "");
        return row is null ? null : await ViewAsync(connection, row);
    }

    public async Task<IReadOnlyList<JourneyView>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<JourneyRow>(
            $"SELECT {JourneyRow.Columns} FROM journeys WHERE tenant_id = @tenantId ORDER BY journey_key", new { tenantId });
        var views = new List<JourneyView>();
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(connection, row));
        }
        return views;
    }

    /// <summary>Every enabled journey of every tenant, with its current definition: what the engine runs.</summary>
    public async Task<IReadOnlyList<ActiveJourney>> EnabledAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<JourneyRow>(
            $"SELECT {JourneyRow.Columns} FROM journeys WHERE enabled = @yes ORDER BY tenant_id, journey_key", new { yes = true });
        var active = new List<ActiveJourney>();
        foreach (var row in rows)
        {
            var definition = await VersionAsync(connection, null, row.TenantId, row.JourneyKey, row.Version);
            active.Add(new ActiveJourney(row.TenantId, row.JourneyKey, row.Version, row.EnabledAt ?? row.UpdatedAt, definition));
        }
        return active;
    }

    /// <summary>One version's definition, parsed once.</summary>
    public async Task<JourneyDefinition> VersionAsync(DbConnection connection, DbTransaction? tx, string tenantId, string key, int version)
    {
        if (_versions.TryGetValue((tenantId, key, version), out var cached))
        {
            return cached;
        }
        var json = await connection.QuerySingleAsync<string>(
            "SELECT definition FROM journey_versions WHERE tenant_id = @tenantId AND journey_key = @key AND version = @version",
            new { tenantId, key, version }, tx);
        return _versions[(tenantId, key, version)] = JourneyJson.Deserialize(json);
    }

    private async Task<JourneyView> ViewAsync(DbConnection connection, JourneyRow row) =>
        JourneyView.Of(row.JourneyKey, row.Version, row.Enabled, row.EnabledAt, row.CreatedAt, row.UpdatedAt,
            await VersionAsync(connection, null, row.TenantId, row.JourneyKey, row.Version));

    private static Task<JourneyRow?> FindRowAsync(DbConnection connection, DbTransaction? tx, string tenantId, string key, string forUpdate) =>
        connection.QuerySingleOrDefaultAsync<JourneyRow>(
            $"SELECT {JourneyRow.Columns} FROM journeys WHERE tenant_id = @tenantId AND journey_key = @key{forUpdate}", new { tenantId, key }, tx);

    private sealed class JourneyRow
    {
        public const string Columns = "tenant_id, journey_key, version, enabled, enabled_at, created_at, updated_at";

        public string TenantId { get; init; } = "";
        public string JourneyKey { get; init; } = "";
        public int Version { get; init; }
        public bool Enabled { get; init; }
        public DateTimeOffset? EnabledAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
