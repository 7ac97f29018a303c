using System.Data.Common;
using Dapper;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;

namespace Tango.Store.Journeys;

/// <summary>What an order event did to the points, for its `points.earned` or `refund.recorded` webhook event.</summary>
public sealed record EventPoints(long Earned, long ClawedBack);

/// <summary>The reads behind the webhook events that are noticed from stored purchases and refunds.</summary>
public static class WebhookSources
{
    /// <summary>
    /// When the oldest live subscription to any of <paramref name="types"/> (or to everything) was made; null when
    /// there is none, and then there is nothing to read.
    /// </summary>
    public static async Task<DateTimeOffset?> FirstSubscriptionAsync(DbConnection connection, IReadOnlyCollection<string> types)
    {
        var rows = await connection.QueryAsync<SubscriptionRow>(
            "SELECT events, created_at FROM webhooks WHERE deleted_at IS NULL");
        return rows.Where(r => System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.Events) is { } events
                && events.Any(e => e == "*" || types.Contains(e)))
            .Select(r => (DateTimeOffset?)r.CreatedAt).Min();
    }

    /// <summary>Points earned and clawed back by each of <paramref name="eventIds"/> (events of one tenant).</summary>
    public static async Task<IReadOnlyDictionary<string, EventPoints>> PointsByEventAsync(WriteScope scope, string tenantId, string[] eventIds)
    {
        var rows = await scope.Connection.QueryAsync<PointsRow>(
            $"""
            SELECT event_id, kind, CAST(sum(amount) AS bigint) AS amount FROM ledger_lines
            WHERE tenant_id = @tenantId AND account = 'points' AND {InList.Sql(scope.Connection, "event_id", "eventIds")}
            GROUP BY event_id, kind
            """, new { tenantId, eventIds }, scope.Transaction);
        return rows.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => new EventPoints(
            g.Where(r => r.Kind == LineKinds.Earn).Sum(r => r.Amount),
            -g.Where(r => r.Kind == LineKinds.Clawback).Sum(r => r.Amount)));
    }

    /// <summary>When each of <paramref name="memberIds"/> (of one tenant) was enrolled.</summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> EnrolledAtAsync(WriteScope scope, string tenantId, string[] memberIds)
    {
        var rows = await scope.Connection.QueryAsync<EnrolmentRow>(
            $"SELECT member_id, created_at FROM members WHERE tenant_id = @tenantId AND {InList.Sql(scope.Connection, "member_id", "memberIds")}",
            new { tenantId, memberIds }, scope.Transaction);
        return rows.ToDictionary(r => r.MemberId, r => r.CreatedAt);
    }

    private sealed class SubscriptionRow
    {
        public string Events { get; init; } = "[]";
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class EnrolmentRow
    {
        public string MemberId { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class PointsRow
    {
        public string EventId { get; init; } = "";
        public string Kind { get; init; } = "";
        public long Amount { get; init; }
    }
}
