using System.Text.Json;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>Who an incident is about: named members, the buyers of named orders or skus, optionally only since a time.</summary>
public sealed record AffectedSpec(IReadOnlyList<string>? MemberIds, IReadOnlyList<string>? OrderIds, IReadOnlyList<string>? Skus, DateTimeOffset? Since);

public sealed record IncidentRecipient(string MemberId, DateTimeOffset NotifiedAt, long? PointsLineId, IReadOnlyList<IncidentMessage> Messages);

public sealed record IncidentMessage(string MessageId, string Channel, string Status, DateTimeOffset? SentAt, string? Reason);

/// <param name="UnknownMemberIds">Named member ids that are no member (never enrolled, or erased): nobody was told under them.</param>
/// <param name="UnknownOrderIds">Named order ids the store holds no order under.</param>
public sealed record IncidentReport(string IncidentId, string Title, string Message, JsonElement Affected, IReadOnlyList<string> Channels,
    long ApologyPoints, int Notified, DateTimeOffset CreatedAt, IReadOnlyList<IncidentRecipient> Recipients,
    IReadOnlyList<string> UnknownMemberIds, IReadOnlyList<string> UnknownOrderIds);

/// <summary>Who an incident reaches, and which of the ids it named matched nothing.</summary>
public sealed record AffectedMembers(IReadOnlyList<string> MemberIds, IReadOnlyList<string> UnknownMemberIds, IReadOnlyList<string> UnknownOrderIds);

public sealed record IncidentSummary(string IncidentId, string Title, int Notified, long ApologyPoints, DateTimeOffset CreatedAt);

/// <summary>
/// Incidents: the members affected are found in the same transaction that queues their messages, so the
/// list of who was told is exactly who was found.
/// </summary>
public static class Incidents
{
    /// <summary>
    /// The affected members: those named, plus the buyers of the named orders, plus the buyers of the named skus
    /// (each purchase's lines, as stored with its event). With `since` alone, everyone who bought since then; with
    /// `since` and orders or skus, only purchases since then count. Erased members are never notified. Named member
    /// and order ids that match nothing are answered too, so a typo does not pass in silence.
    /// </summary>
    public static async Task<AffectedMembers> AffectedAsync(WriteScope scope, string tenantId, AffectedSpec affected)
    {
        var c = scope.Connection;
        var members = new SortedSet<string>(affected.MemberIds ?? [], StringComparer.Ordinal);
        var since = affected.Since;
        var sinceSql = since is null ? "" : " AND occurred_at >= @since";
        var knownOrders = new HashSet<string>(StringComparer.Ordinal);
        if (affected.OrderIds is { Count: > 0 } orders)
        {
            foreach (var chunk in orders.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                var found = await c.QueryAsync<OrderRow>(
                    $"SELECT order_id, member_id, occurred_at FROM orders WHERE tenant_id = @tenantId AND {InList.Sql(c, "order_id", "chunk")}",
                    new { tenantId, chunk }, scope.Transaction);
                foreach (var order in found)
                {
                    knownOrders.Add(order.OrderId);
                    if (since is null || order.OccurredAt >= since)
                    {
                        members.Add(order.MemberId);
                    }
                }
            }
        }
        if (affected.Skus is { Count: > 0 } skus)
        {
            var wanted = skus.ToHashSet(StringComparer.Ordinal);
            var purchases = await c.QueryAsync<(string MemberId, string Data)>(
                $"SELECT member_id, data FROM events WHERE tenant_id = @tenantId AND type = 'purchase'{sinceSql}",
                new { tenantId, since }, scope.Transaction);
            members.UnionWith(purchases.Where(p => BoughtAny(p.Data, wanted)).Select(p => p.MemberId));
        }
        if (since is not null && affected.OrderIds is null && affected.Skus is null && affected.MemberIds is null)
        {
            members.UnionWith(await c.QueryAsync<string>(
                "SELECT DISTINCT member_id FROM orders WHERE tenant_id = @tenantId AND occurred_at >= @since", new { tenantId, since }, scope.Transaction));
        }
        var present = await JourneyMembers.FindManyAsync(c, scope.Transaction, tenantId, members);
        var reached = present.Where(m => m.ErasedAt is null).Select(m => m.MemberId).Order(StringComparer.Ordinal).ToList();
        var reachedSet = reached.ToHashSet(StringComparer.Ordinal);
        return new AffectedMembers(reached,
            (affected.MemberIds ?? []).Where(id => !reachedSet.Contains(id)).Distinct(StringComparer.Ordinal).ToList(),
            (affected.OrderIds ?? []).Where(id => !knownOrders.Contains(id)).Distinct(StringComparer.Ordinal).ToList());
    }

    private static bool BoughtAny(string data, HashSet<string> skus)
    {
        using var doc = JsonDocument.Parse(data);
        if (!doc.RootElement.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var line in lines.EnumerateArray())
        {
            if (line.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.String && skus.Contains(sku.GetString()!))
            {
                return true;
            }
        }
        return false;
    }

    public static Task InsertAsync(WriteScope scope, string tenantId, string incidentId, string title, string message, string affectedJson,
        IReadOnlyList<string> channels, long apologyPoints, AffectedMembers affected, DateTimeOffset now) =>
        scope.Connection.ExecuteAsync(
            """
            INSERT INTO incidents (tenant_id, incident_id, title, message, affected, channels, apology_points, notified, created_at,
                                   unknown_member_ids, unknown_order_ids)
            VALUES (@tenantId, @incidentId, @title, @message, @affectedJson, @channels, @apologyPoints, @notified, @now,
                    @unknownMembers, @unknownOrders)
            """,
            new
            {
                tenantId,
                incidentId,
                title,
                message,
                affectedJson,
                channels = JsonSerializer.Serialize(channels),
                apologyPoints,
                notified = affected.MemberIds.Count,
                now,
                unknownMembers = JsonSerializer.Serialize(affected.UnknownMemberIds),
                unknownOrders = JsonSerializer.Serialize(affected.UnknownOrderIds),
            },
            scope.Transaction);

    public static Task AddRecipientAsync(WriteScope scope, string tenantId, string incidentId, string memberId, DateTimeOffset at, long? lineId) =>
        scope.Connection.ExecuteAsync(
            """
            INSERT INTO incident_recipients (tenant_id, incident_id, member_id, notified_at, points_line_id)
            VALUES (@tenantId, @incidentId, @memberId, @at, @lineId)
            """, new { tenantId, incidentId, memberId, at, lineId }, scope.Transaction);

    public static async Task<IncidentReport?> GetAsync(Database db, string tenantId, string incidentId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(
            """
            SELECT incident_id, title, message, affected, channels, apology_points, notified, created_at, unknown_member_ids, unknown_order_ids
            FROM incidents WHERE tenant_id = @tenantId AND incident_id = @incidentId
            """,
            new { tenantId, incidentId });
        if (row is null)
        {
            return null;
        }
        var recipients = await connection.QueryAsync<RecipientRow>(
            "SELECT member_id, notified_at, points_line_id FROM incident_recipients WHERE tenant_id = @tenantId AND incident_id = @incidentId ORDER BY member_id",
            new { tenantId, incidentId });
        var messages = (await connection.QueryAsync<MessageRow>(
            $"SELECT {MessageRow.Columns} FROM messages WHERE tenant_id = @tenantId AND incident_id = @incidentId ORDER BY message_id",
            new { tenantId, incidentId })).ToLookup(m => m.MemberId);
        using var affected = JsonDocument.Parse(row.Affected);
        return new IncidentReport(row.IncidentId, row.Title, row.Message, affected.RootElement.Clone(),
            JsonSerializer.Deserialize<List<string>>(row.Channels) ?? [], row.ApologyPoints, row.Notified, row.CreatedAt,
            recipients.Select(r => new IncidentRecipient(r.MemberId, r.NotifiedAt, r.PointsLineId,
                messages[r.MemberId].Select(m => new IncidentMessage(m.MessageId, m.Channel, m.Status, m.SentAt, m.Reason)).ToList())).ToList(),
            List(row.UnknownMemberIds), List(row.UnknownOrderIds));
    }

    // Incidents declared before unknown ids were kept have none.
    private static List<string> List(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>The latest incidents, newest first, without their recipients.</summary>
    public static async Task<IReadOnlyList<IncidentSummary>> ListAsync(Database db, string tenantId, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<IncidentRow>(
            """
            SELECT incident_id, title, message, affected, channels, apology_points, notified, created_at FROM incidents
            WHERE tenant_id = @tenantId ORDER BY created_at DESC, incident_id DESC LIMIT @limit
            """, new { tenantId, limit });
        return rows.Select(r => new IncidentSummary(r.IncidentId, r.Title, r.Notified, r.ApologyPoints, r.CreatedAt)).ToList();
    }

    private sealed class IncidentRow
    {
        public string IncidentId { get; init; } = "";
        public string Title { get; init; } = "";
        public string Message { get; init; } = "";
        public string Affected { get; init; } = "{}";
        public string Channels { get; init; } = "[]";
        public long ApologyPoints { get; init; }
        public int Notified { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? UnknownMemberIds { get; init; }
        public string? UnknownOrderIds { get; init; }
    }

    private sealed class OrderRow
    {
        public string OrderId { get; init; } = "";
        public string MemberId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }

    private sealed class RecipientRow
    {
        public string MemberId { get; init; } = "";
        public DateTimeOffset NotifiedAt { get; init; }
        public long? PointsLineId { get; init; }
    }
}
