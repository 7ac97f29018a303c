using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Tango.Domain.Money;
using Tango.Domain.Simulation;
using Tango.Store.Infrastructure;

namespace Tango.Store.Simulation;

/// <summary>
/// Reads a tenant's purchases (orders, with their event's data for lines and channel) and refunds for a replay,
/// in the order they happened, then by event id (the order they arrived in). The rows are read on one thread while
/// another parses their JSON, and sorted in memory afterwards (a little cheaper than SQLite's ORDER BY over a
/// million rows with their data).
/// </summary>
internal static class ReplayReader
{
    private const int ChunkSize = 4096;

    private const string Sql = """
        SELECT 0 AS kind, o.member_id, o.order_id, o.occurred_at, o.event_id, o.total_minor, e.data, COALESCE(e.received_at, o.occurred_at)
        FROM orders o LEFT JOIN events e ON e.tenant_id = o.tenant_id AND e.member_id = o.member_id AND e.event_id = o.event_id
        WHERE o.tenant_id = @tenantId AND o.occurred_at >= @from AND o.occurred_at <= @to
        UNION ALL
        SELECT 1 AS kind, r.member_id, r.order_id, e.occurred_at, r.event_id, r.amount_minor, NULL, e.received_at
        FROM refunds r JOIN events e ON e.tenant_id = r.tenant_id AND e.member_id = r.member_id AND e.event_id = r.event_id
        WHERE r.tenant_id = @tenantId AND e.occurred_at >= @from AND e.occurred_at <= @to
        """;

    private readonly record struct Row(bool Refund, string MemberId, string OrderId, DateTimeOffset At, string EventId, long Amount, byte[]? Data,
        DateTimeOffset ReceivedAt);

    public static async Task<List<ReplayEvent>> ReadAsync(DbConnection connection, string tenantId, string currency, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct)
    {
        var sqlite = connection is not Npgsql.NpgsqlConnection;
        var chunks = Channel.CreateBounded<Row[]>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var parsing = Task.Run(() => ParseAsync(chunks.Reader, tenantId, currency, ct), ct);
        try
        {
            await ReadRowsAsync(connection, sqlite, tenantId, from, to, chunks.Writer, ct);
        }
        finally
        {
            chunks.Writer.TryComplete();
        }
        var (keys, events) = await parsing;
        Array.Sort(keys, events, EventOrder.Instance);
        return [.. events];
    }

    private static async Task ReadRowsAsync(DbConnection connection, bool sqlite, string tenantId, DateTimeOffset from, DateTimeOffset to,
        ChannelWriter<Row[]> chunks, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        Add(command, "@tenantId", tenantId);
        Add(command, "@from", sqlite ? DapperSetup.ToSqliteText(from) : from.UtcDateTime);
        Add(command, "@to", sqlite ? DapperSetup.ToSqliteText(to) : to.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var chunk = new Row[ChunkSize];
        var count = 0;
        while (await reader.ReadAsync(ct))
        {
            var at = sqlite ? ReplayInstants.FromText(reader.GetString(3)) : ReplayInstants.From(reader.GetValue(3));
            var data = reader.IsDBNull(6) ? null
                : sqlite ? reader.GetFieldValue<byte[]>(6) : System.Text.Encoding.UTF8.GetBytes(reader.GetString(6));
            var received = sqlite ? ReplayInstants.FromText(reader.GetString(7)) : ReplayInstants.From(reader.GetValue(7));
            chunk[count++] = new Row(reader.GetInt32(0) == 1, reader.GetString(1), reader.GetString(2), at, reader.GetString(4), reader.GetInt64(5), data,
                received);
            if (count == ChunkSize)
            {
                await chunks.WriteAsync(chunk, ct);
                chunk = new Row[ChunkSize];
                count = 0;
            }
        }
        await chunks.WriteAsync(chunk[..count], ct);
    }

    private static async Task<((long Ticks, string EventId)[] Keys, ReplayEvent[] Events)> ParseAsync(ChannelReader<Row[]> chunks, string tenantId,
        string currency, CancellationToken ct)
    {
        var parser = new PurchaseDataReader();
        var keys = new List<(long, string)>();
        var events = new List<ReplayEvent>();
        await foreach (var chunk in chunks.ReadAllAsync(ct))
        {
            foreach (var row in chunk)
            {
                var purchase = row.Refund ? null : parser.Read(row.Data ?? "{}"u8.ToArray(), Currency.FromMinor(row.Amount, currency), row.At);
                var card = parser.Fingerprint is { } fingerprint ? Domain.Referrals.ReferralGuards.HashFingerprint(tenantId, fingerprint) : null;
                events.Add(new ReplayEvent(parser.Intern(row.MemberId), row.OrderId, row.At, row.Amount, purchase) { CardHash = card, ReceivedAt = row.ReceivedAt });
                keys.Add((row.At.UtcTicks, row.EventId));
            }
        }
        return (keys.ToArray(), events.ToArray());
    }

    /// <summary>The sign-ups with a code, and the contacts of the members on either side, for the referral rules.</summary>
    public static async Task<ReplayPeople> ReadPeopleAsync(DbConnection connection, string tenantId)
    {
        var rows = await connection.QueryAsync<ReferralRow>(
            """
            SELECT r.friend_id, r.referrer_id, r.attributed_at, f.email AS friend_email, f.phone AS friend_phone,
                   p.email AS referrer_email, p.phone AS referrer_phone
            FROM referrals r JOIN members f ON f.tenant_id = r.tenant_id AND f.member_id = r.friend_id
            LEFT JOIN members p ON p.tenant_id = r.tenant_id AND p.member_id = r.referrer_id
            WHERE r.tenant_id = @tenantId
            """, new { tenantId });
        var list = rows.ToList();
        return new ReplayPeople(list.Select(r => new ReplayReferral(r.FriendId, r.ReferrerId, r.AttributedAt)),
            list.SelectMany(r => new[] { new ReplayContact(r.FriendId, r.FriendEmail, r.FriendPhone), new ReplayContact(r.ReferrerId, r.ReferrerEmail, r.ReferrerPhone) }));
    }

    private sealed class ReferralRow
    {
        public string FriendId { get; init; } = "";
        public string ReferrerId { get; init; } = "";
        public DateTimeOffset AttributedAt { get; init; }
        public string? FriendEmail { get; init; }
        public string? FriendPhone { get; init; }
        public string? ReferrerEmail { get; init; }
        public string? ReferrerPhone { get; init; }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class EventOrder : IComparer<(long Ticks, string EventId)>
    {
        public static readonly EventOrder Instance = new();

        public int Compare((long Ticks, string EventId) x, (long Ticks, string EventId) y) =>
            x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : string.CompareOrdinal(x.EventId, y.EventId);
    }
}
