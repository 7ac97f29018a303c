using System.Data.Common;
using Dapper;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Store.Members;

/// <summary>A personal micro-fact staff can bring up ("the dog is a beagle").</summary>
public sealed class Marker
{
    public string MarkerId { get; init; } = "";
    public string Text { get; init; } = "";
    public string? Kind { get; init; }
    public string? RemindOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastRaisedAt { get; init; }
    public int RaisedCount { get; init; }
}

public sealed record NewMarker(string Text, string? Kind, string? RemindOn);

public static class Markers
{
    private const string Columns = "marker_id, text, kind, remind_on, created_at, last_raised_at, raised_count";

    public static async Task<StoredResponse> AddAsync(WriteScope scope, string tenantId, string memberId, NewMarker marker, TimeProvider clock)
    {
        if (!await MemberExistsAsync(scope.Connection, scope.Transaction, tenantId, memberId))
        {
            return Responses.NotFound($"Member '{memberId}'");
        }
        var now = clock.GetUtcNow();
        var created = new Marker { MarkerId = Ids.New("mkr", clock), Text = marker.Text, Kind = marker.Kind, RemindOn = marker.RemindOn, CreatedAt = now };
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO markers (tenant_id, member_id, marker_id, text, kind, remind_on, created_at, raised_count)
            VALUES (@tenantId, @memberId, @MarkerId, @Text, @Kind, @RemindOn, @CreatedAt, 0)
            """,
            new { tenantId, memberId, created.MarkerId, created.Text, created.Kind, created.RemindOn, created.CreatedAt }, scope.Transaction);
        return Responses.Json(201, created);
    }

    public static async Task<StoredResponse> RemoveAsync(WriteScope scope, string tenantId, string memberId, string markerId)
    {
        var removed = await scope.Connection.ExecuteAsync(
            "DELETE FROM markers WHERE tenant_id = @tenantId AND member_id = @memberId AND marker_id = @markerId",
            new { tenantId, memberId, markerId }, scope.Transaction);
        return removed == 0 ? Responses.NotFound($"Marker '{markerId}'") : new StoredResponse(204, "");
    }

    public static async Task<StoredResponse> RaisedAsync(WriteScope scope, string tenantId, string memberId, string markerId, DateTimeOffset now)
    {
        var args = new { tenantId, memberId, markerId, now };
        var changed = await scope.Connection.ExecuteAsync(
            """
            UPDATE markers SET last_raised_at = @now, raised_count = raised_count + 1
            WHERE tenant_id = @tenantId AND member_id = @memberId AND marker_id = @markerId
            """, args, scope.Transaction);
        if (changed == 0)
        {
            return Responses.NotFound($"Marker '{markerId}'");
        }
        var marker = await scope.Connection.QuerySingleAsync<Marker>(
            $"SELECT {Columns} FROM markers WHERE tenant_id = @tenantId AND member_id = @memberId AND marker_id = @markerId", args, scope.Transaction);
        return Responses.Json(200, marker);
    }

    public static async Task<IReadOnlyList<Marker>> ListAsync(DbConnection connection, string tenantId, string memberId) =>
        (await connection.QueryAsync<Marker>(
            $"SELECT {Columns} FROM markers WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY created_at, marker_id",
            new { tenantId, memberId })).ToList();

    /// <summary>
    /// The marker to bring up next: never raised first, else the one raised longest ago, so staff
    /// touch a different fact each time instead of repeating the same one.
    /// </summary>
    public static Task<Marker?> ToRaiseAsync(DbConnection connection, string tenantId, string memberId) =>
        connection.QueryFirstOrDefaultAsync<Marker>(
            $"""
            SELECT {Columns} FROM markers WHERE tenant_id = @tenantId AND member_id = @memberId
            ORDER BY last_raised_at IS NOT NULL, last_raised_at, created_at, marker_id LIMIT 1
            """,
            new { tenantId, memberId });

    internal static async Task<bool> MemberExistsAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM members WHERE tenant_id = @tenantId AND member_id = @memberId AND erased_at IS NULL",
            new { tenantId, memberId }, tx) > 0;
}
