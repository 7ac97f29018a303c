using System.Text.Json;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Segments;

/// <summary>
/// A named member filter. <paramref name="Filter"/> holds the member list's query parameters as text, exactly as the
/// list takes them, so a saved segment is read by the same validator as the query.
/// </summary>
public sealed record SavedSegment(string Key, string Name, IReadOnlyDictionary<string, string> Filter, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A saved segment as a save left it; <paramref name="Created"/> when the key was new.</summary>
public sealed record SegmentSaved(SavedSegment Segment, bool Created);

public sealed class SavedSegments(Database db)
{
    public static async Task<SegmentSaved> SaveAsync(WriteScope scope, string tenantId, string key, string name,
        IReadOnlyDictionary<string, string> filter, DateTimeOffset now)
    {
        var created = await scope.Connection.ExecuteScalarAsync<DateTimeOffset?>(
            "SELECT created_at FROM saved_segments WHERE tenant_id = @tenantId AND segment_key = @key", new { tenantId, key }, scope.Transaction);
        var text = JsonSerializer.Serialize(new SortedDictionary<string, string>(filter.ToDictionary(), StringComparer.Ordinal));
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO saved_segments (tenant_id, segment_key, name, filter, created_at, updated_at)
            VALUES (@tenantId, @key, @name, @text, @now, @now)
            ON CONFLICT (tenant_id, segment_key) DO UPDATE SET name = excluded.name, filter = excluded.filter, updated_at = excluded.updated_at
            """, new { tenantId, key, name, text, now }, scope.Transaction);
        return new SegmentSaved(new SavedSegment(key, name, filter, created ?? now, now), created is null);
    }

    /// <summary>False when there was no such segment.</summary>
    public static async Task<bool> DeleteAsync(WriteScope scope, string tenantId, string key) =>
        await scope.Connection.ExecuteAsync(
            "DELETE FROM saved_segments WHERE tenant_id = @tenantId AND segment_key = @key", new { tenantId, key }, scope.Transaction) > 0;

    public async Task<SavedSegment?> GetAsync(string tenantId, string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT segment_key, name, filter, created_at, updated_at FROM saved_segments WHERE tenant_id = @tenantId AND segment_key = @key",
            new { tenantId, key });
        return row?.ToSegment();
    }

    /// <summary>Every saved segment of the tenant, by key: a tenant keeps a handful.</summary>
    public async Task<IReadOnlyList<SavedSegment>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(
            "SELECT segment_key, name, filter, created_at, updated_at FROM saved_segments WHERE tenant_id = @tenantId ORDER BY segment_key",
            new { tenantId });
        return rows.Select(r => r.ToSegment()).ToList();
    }

    private sealed class Row
    {
        public string SegmentKey { get; set; } = "";
        public string Name { get; set; } = "";
        public string Filter { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public SavedSegment ToSegment() =>
            new(SegmentKey, Name, JsonSerializer.Deserialize<Dictionary<string, string>>(Filter) ?? [], CreatedAt, UpdatedAt);
    }
}
