using System.Data.Common;
using Dapper;
using Npgsql;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>A stored event, as the journey engine reads it.</summary>
public sealed class SignalEvent
{
    public long Seq { get; init; }
    public string TenantId { get; init; } = "";
    public string MemberId { get; init; } = "";
    public string EventId { get; init; } = "";
    public string Type { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Data { get; init; } = "{}";
}

/// <summary>
/// Reads the events the write path stores, in `seq` order, from a cursor kept in the store. On PostgreSQL a
/// sequence value is taken at insert and transactions commit out of order, so a row with a lower seq may
/// become visible after a higher one was read. The cursor therefore only moves past rows received more than
/// a settle window ago (by then their transactions have long committed), and the rows after it are read
/// again on every poll; entering a journey is idempotent, so reading a row twice is harmless.
/// </summary>
public sealed class EventSignals(TimeProvider clock)
{
    public const string CursorName = "events";

    /// <summary>
    /// The event's place in commit order: PostgreSQL's `seq` (a bigserial added by migration 0005); on SQLite the
    /// rowid, which a single writer assigns in commit order and which is never reused because events are never deleted.
    /// </summary>
    private static string Seq(DbConnection connection) => connection is NpgsqlConnection ? "seq" : "rowid";

    /// <param name="name">Whose cursor: the journey engine's (the default) or another reader's of the same events.</param>
    public static Task<long?> StoredCursorAsync(DbConnection connection, string name = CursorName) =>
        connection.ExecuteScalarAsync<long?>("SELECT seq FROM journey_cursor WHERE name = @name", new { name });

    /// <summary>Where reading starts before there is a cursor: after the events received before <paramref name="instant"/>.</summary>
    public static async Task<long> LastBeforeAsync(DbConnection connection, DateTimeOffset instant) =>
        await connection.ExecuteScalarAsync<long?>($"SELECT max({Seq(connection)}) FROM events WHERE received_at < @instant", new { instant }) ?? 0;

    /// <summary>The next page of events after <paramref name="after"/>, in seq order.</summary>
    public static async Task<IReadOnlyList<SignalEvent>> PageAsync(DbConnection connection, long after, int limit) =>
        (await connection.QueryAsync<SignalEvent>(
            $"""
            SELECT {Seq(connection)} AS seq, tenant_id, member_id, event_id, type, occurred_at, received_at, data FROM events
            WHERE {Seq(connection)} > @after ORDER BY {Seq(connection)} LIMIT {limit}
            """, new { after })).ToList();

    /// <summary>Moves the cursor forward (never back: another node may have moved it further already).</summary>
    public async Task AdvanceAsync(WriteScope scope, long seq, string name = CursorName)
    {
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO journey_cursor (name, seq, updated_at) VALUES (@name, @seq, @now)
            ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at WHERE journey_cursor.seq < excluded.seq
            """, new { seq, now, name }, scope.Transaction);
    }
}
