using Dapper;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Store.Ledger;

/// <summary>
/// Expires what is left of lots past their date, writing one `expire` line per lot. Runs in small
/// batches through the write queue so it never holds the writer for long.
/// </summary>
public sealed class PointsExpiry(WriteQueue writes, TimeProvider clock)
{
    /// <summary>Returns how many lots expired.</summary>
    public async Task<long> RunAsync(CancellationToken ct = default)
    {
        long lots = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var done = await writes.RunAsync(scope => ExpireBatchAsync(scope, now, 200));
            lots += done;
            if (done == 0)
            {
                break;
            }
        }
        return lots;
    }

    private static async Task<long> ExpireBatchAsync(WriteScope scope, DateTimeOffset now, int limit)
    {
        var due = (await scope.Connection.QueryAsync<DueLot>(
            $"""
            SELECT tenant_id, member_id, lot_id, remaining, expires_at FROM point_lots
            WHERE expires_at <= @now AND remaining > 0 ORDER BY expires_at, lot_id LIMIT {limit}{scope.Db.ForUpdate}
            """, new { now }, scope.Transaction)).ToList();
        foreach (var lot in due)
        {
            await Members.MemberSql.LockAsync(scope, lot.TenantId, lot.MemberId);
            await scope.Connection.ExecuteAsync(
                "UPDATE point_lots SET remaining = 0 WHERE tenant_id = @TenantId AND member_id = @MemberId AND lot_id = @LotId",
                lot, scope.Transaction);
            await LedgerWriter.AppendAsync(scope, lot.TenantId, new LedgerLine
            {
                MemberId = lot.MemberId,
                At = lot.ExpiresAt,
                Account = "points",
                Amount = -lot.Remaining,
                Kind = LineKinds.Expire,
                Reason = $"{lot.Remaining} points earned by line {lot.LotId} expired",
            });
            await WebhookNotifications.NotifyAsync(scope, lot.TenantId, "points.expired",
                new { memberId = lot.MemberId, points = lot.Remaining, lotId = lot.LotId, expiresAt = lot.ExpiresAt }, now,
                $"lot:{lot.MemberId}:{lot.LotId}");
        }
        return due.Count;
    }

    private sealed class DueLot
    {
        public string TenantId { get; init; } = "";
        public string MemberId { get; init; } = "";
        public long LotId { get; init; }
        public long Remaining { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
    }
}
