using System.Data.Common;
using Dapper;
using Tango.Domain.Money;
using Tango.Domain.Tiers;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Store.Tiers;

/// <summary>A recorded tier change: who moved, from where to where, when and why.</summary>
public sealed record TierChange(string ChangeId, DateTimeOffset At, string? From, string? To, string Reason, string Source, int ProgramVersion);

/// <summary>The tier history table and the orders qualification reads; shared by the tier endpoint and the review job.</summary>
internal static class TierSql
{
    public const string ReviewSource = "review";
    public const string PurchaseSource = "purchase";

    /// <summary>A member's orders for qualification, oldest first, net of refunds, from <paramref name="since"/> on.</summary>
    public static async Task<List<TierOrder>> OrdersAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId,
        string currency, DateTimeOffset since)
    {
        var rows = await connection.QueryAsync<OrderRow>(
            """
            SELECT member_id, occurred_at, total_minor - refunded_minor AS net_minor, points_earned - points_clawed AS net_points
            FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId AND occurred_at > @since ORDER BY occurred_at
            """, new { tenantId, memberId, since }, tx);
        return rows.Select(r => r.ToOrder(currency)).ToList();
    }

    /// <summary>The orders of every member with an id in [first, last], grouped by member, oldest first.</summary>
    public static async Task<Dictionary<string, List<TierOrder>>> OrdersAsync(DbConnection connection, DbTransaction? tx, string tenantId,
        string first, string last, string currency, DateTimeOffset since)
    {
        var rows = await connection.QueryAsync<OrderRow>(
            """
            SELECT member_id, occurred_at, total_minor - refunded_minor AS net_minor, points_earned - points_clawed AS net_points
            FROM orders WHERE tenant_id = @tenantId AND member_id >= @first AND member_id <= @last AND occurred_at > @since
            ORDER BY member_id, occurred_at
            """, new { tenantId, first, last, since }, tx);
        var byMember = new Dictionary<string, List<TierOrder>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byMember.TryGetValue(row.MemberId, out var orders))
            {
                byMember[row.MemberId] = orders = [];
            }
            orders.Add(row.ToOrder(currency));
        }
        return byMember;
    }

    /// <summary>The latest recorded change of each member with an id in [first, last].</summary>
    public static async Task<Dictionary<string, TierChange>> LatestAsync(DbConnection connection, DbTransaction? tx, string tenantId,
        string first, string last)
    {
        var rows = await connection.QueryAsync<ChangeRow>(
            """
            SELECT member_id, change_id, at, from_tier, to_tier, reason, source, program_version FROM (
                SELECT member_id, change_id, at, from_tier, to_tier, reason, source, program_version,
                       row_number() OVER (PARTITION BY member_id ORDER BY at DESC, change_id DESC) AS n
                FROM tier_changes WHERE tenant_id = @tenantId AND member_id >= @first AND member_id <= @last) latest
            WHERE n = 1
            """, new { tenantId, first, last }, tx);
        return rows.ToDictionary(r => r.MemberId, r => r.ToChange(), StringComparer.Ordinal);
    }

    /// <summary>Newest first; <paramref name="before"/> is the (at, change id) of the last item seen.</summary>
    public static async Task<List<TierChange>> HistoryAsync(DbConnection connection, string tenantId, string memberId, int take,
        (DateTimeOffset At, string ChangeId)? before)
    {
        var rows = await connection.QueryAsync<ChangeRow>(
            $"""
            SELECT member_id, change_id, at, from_tier, to_tier, reason, source, program_version FROM tier_changes
            WHERE tenant_id = @tenantId AND member_id = @memberId
            {(before is null ? "" : "AND (at < @beforeAt OR (at = @beforeAt AND change_id < @beforeId))")}
            ORDER BY at DESC, change_id DESC LIMIT @take
            """, new { tenantId, memberId, take, beforeAt = before?.At, beforeId = before?.ChangeId }, null);
        return rows.Select(r => r.ToChange()).ToList();
    }

    /// <summary>Records a change of tier and announces it (`tier.changed`) in the same transaction.</summary>
    public static async Task InsertAsync(WriteScope scope, string tenantId, string memberId, TierChange change, DateTimeOffset now)
    {
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO tier_changes (tenant_id, member_id, change_id, at, from_tier, to_tier, reason, source, program_version)
            VALUES (@tenantId, @memberId, @ChangeId, @At, @From, @To, @Reason, @Source, @ProgramVersion)
            """,
            new { tenantId, memberId, change.ChangeId, change.At, change.From, change.To, change.Reason, change.Source, change.ProgramVersion },
            scope.Transaction);
        await WebhookNotifications.NotifyAsync(scope, tenantId, "tier.changed",
            new { memberId, change.ChangeId, change.At, change.From, change.To, change.Reason, change.Source, change.ProgramVersion }, now);
    }

    private sealed class OrderRow
    {
        public string MemberId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public long NetMinor { get; init; }
        public long NetPoints { get; init; }

        public TierOrder ToOrder(string currency) => new(OccurredAt, Currency.FromMinor(NetMinor, currency), NetPoints);
    }

    private sealed class ChangeRow
    {
        public string MemberId { get; init; } = "";
        public string ChangeId { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public string? FromTier { get; init; }
        public string? ToTier { get; init; }
        public string Reason { get; init; } = "";
        public string Source { get; init; } = "";
        public int ProgramVersion { get; init; }

        public TierChange ToChange() => new(ChangeId, At, FromTier, ToTier, Reason, Source, ProgramVersion);
    }
}
