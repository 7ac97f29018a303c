using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tango.Domain.Programs;
using Tango.Store.Infrastructure;

namespace Tango.Store.Programs;

public sealed record ProgramVersion(int Version, ProgramDocument Document, DateTimeOffset? CreatedAt);

/// <summary>
/// The program document is versioned: a PUT appends a version, nothing is overwritten, and every
/// ledger line names the version that produced it. Version 0 is the built-in default.
/// </summary>
public sealed class ProgramStore(Database db, TimeProvider clock)
{
    // Parsed documents by (tenant, version): versions never change once written, so this cannot go stale.
    private readonly ConcurrentDictionary<(string, int), ProgramDocument> _parsed = new();

    public async Task<ProgramVersion> CurrentAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CurrentAsync(connection, null, tenantId);
    }

    /// <summary>
    /// The current version for a write: read once per batch transaction (a batch commits or fails as
    /// one, so every event in it sees one program).
    /// </summary>
    public async Task<ProgramVersion> CurrentAsync(WriteScope scope, string tenantId)
    {
        var key = "program:" + tenantId;
        if (scope.Cache.TryGetValue(key, out var cached))
        {
            return (ProgramVersion)cached;
        }
        var current = await CurrentAsync(scope.Connection, scope.Transaction, tenantId);
        scope.Cache[key] = current;
        return current;
    }

    /// <summary>Reads the current version inside a write, so a purchase and a program change never interleave.</summary>
    public async Task<ProgramVersion> CurrentAsync(DbConnection connection, DbTransaction? tx, string tenantId)
    {
        var version = await connection.ExecuteScalarAsync<int?>(
            "SELECT max(version) FROM program_versions WHERE tenant_id = @tenantId", new { tenantId }, tx) ?? 0;
        return await VersionAsync(connection, tx, tenantId, version);
    }

    /// <summary>One version by number; a version is parsed once, since it never changes.</summary>
    public async Task<ProgramVersion> VersionAsync(DbConnection connection, DbTransaction? tx, string tenantId, int version)
    {
        if (version == 0)
        {
            return new ProgramVersion(0, ProgramDocument.Default, null);
        }
        if (_parsed.TryGetValue((tenantId, version), out var cached))
        {
            return new ProgramVersion(version, cached, null);
        }
        var row = await connection.QuerySingleAsync<VersionRow>(
            "SELECT document, created_at FROM program_versions WHERE tenant_id = @tenantId AND version = @version",
            new { tenantId, version }, tx);
        var doc = JsonSerializer.Deserialize<ProgramDocument>(row.Document, ProgramJson.Options)!;
        _parsed[(tenantId, version)] = doc;
        return new ProgramVersion(version, doc, row.CreatedAt);
    }

    public async Task<ProgramVersion> SaveAsync(WriteScope scope, string tenantId, ProgramDocument document)
    {
        scope.Cache.Remove("program:" + tenantId);
        var current = await scope.Connection.ExecuteScalarAsync<int?>(
            "SELECT max(version) FROM program_versions WHERE tenant_id = @tenantId", new { tenantId }, scope.Transaction) ?? 0;
        var version = current + 1;
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(
            "INSERT INTO program_versions (tenant_id, version, document, created_at) VALUES (@tenantId, @version, @document, @now)",
            new { tenantId, version, document = JsonSerializer.Serialize(document, ProgramJson.Options), now }, scope.Transaction);
        return new ProgramVersion(version, document, now);
    }

    public async Task<IReadOnlyList<VersionInfo>> VersionsAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<VersionInfo>(
            "SELECT version, created_at FROM program_versions WHERE tenant_id = @tenantId ORDER BY version DESC", new { tenantId });
        return rows.ToList();
    }

    public sealed class VersionInfo
    {
        public int Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class VersionRow
    {
        public string Document { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
