using System.Data.Common;
using Dapper;
using Tango.Domain.Ledger;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Ledger;

/// <summary>
/// The only code that appends ledger lines. Each append moves the member's cached balance in the same
/// transaction, so balance = sum of lines always (`tango verify` checks it). Points also live in lots
/// (one per credit) so spending and expiry go first-in-first-out; the lots always hold max(0, balance).
/// </summary>
internal static class LedgerWriter
{
    public const string InsertSql = """
        INSERT INTO ledger_lines (tenant_id, member_id, at, account, amount, kind, reason, rule_id, program_version,
                                  event_id, order_id, redemption_id, expires_at)
        VALUES (@tenantId, @memberId, @at, @account, @amount, @kind, @reason, @ruleId, @programVersion,
                @eventId, @orderId, @redemptionId, @expiresAt)
        """;

    /// <summary>The parameters of <see cref="InsertSql"/>; a caller that batches it moves the balances itself.</summary>
    public static Dictionary<string, object?> Args(string tenantId, LedgerLine line) => new()
    {
        ["tenantId"] = tenantId,
        ["memberId"] = line.MemberId,
        ["at"] = line.At,
        ["account"] = line.Account,
        ["amount"] = line.Amount,
        ["kind"] = line.Kind,
        ["reason"] = line.Reason,
        ["ruleId"] = line.RuleId,
        ["programVersion"] = line.ProgramVersion,
        ["eventId"] = line.EventId,
        ["orderId"] = line.OrderId,
        ["redemptionId"] = line.RedemptionId,
        ["expiresAt"] = line.ExpiresAt,
    };

    /// <summary>While the balance is below zero, new points pay that debt first; only the rest lands in the lot.</summary>
    public static long LotRemaining(long points, long balanceBefore) => Domain.Purchases.PurchaseDecision.LotRemaining(points, balanceBefore);

    public static async Task<long> AppendAsync(WriteScope scope, string tenantId, LedgerLine line)
    {
        var lineId = await scope.Connection.ExecuteScalarAsync<long>(InsertSql + " RETURNING line_id",
            new DynamicParameters(Args(tenantId, line)), scope.Transaction);
        var isPoints = line.Account == "points";
        await MemberSql.AddToBalancesAsync(scope, tenantId, line.MemberId, isPoints ? line.Amount : 0, isPoints ? 0 : line.Amount, line.At);
        return lineId;
    }

    /// <summary>
    /// Credits points into a new lot. While the balance is below zero (a refund clawed back points
    /// already spent) new points pay that debt first, so only the rest lands in the lot.
    /// </summary>
    public static async Task AddLotAsync(WriteScope scope, string tenantId, string memberId, long lotId, string? orderId,
        long points, long balanceBefore, DateTimeOffset? expiresAt)
    {
        var remaining = LotRemaining(points, balanceBefore);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO point_lots (tenant_id, member_id, lot_id, order_id, points, remaining, expires_at)
            VALUES (@tenantId, @memberId, @lotId, @orderId, @points, @remaining, @expiresAt)
            """,
            new { tenantId, memberId, lotId, orderId, points, remaining, expiresAt }, scope.Transaction);
    }

    /// <summary>The points in the member's lots that are still in their return window at <paramref name="now"/>.</summary>
    public static Task<long> PendingAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId, DateTimeOffset now) =>
        connection.ExecuteScalarAsync<long>(PendingSql, new { tenantId, memberId, now }, tx);

    /// <summary>The member's points still in their return window at @now (parameters @tenantId, @memberId, @now).</summary>
    public const string PendingSql = """
        SELECT CAST(coalesce(sum(remaining), 0) AS bigint) FROM point_lots
        WHERE tenant_id = @tenantId AND member_id = @memberId AND remaining > 0 AND available_at > @now
        """;

    /// <summary>
    /// Takes up to <paramref name="points"/> from the member's lots, soonest-expiring first. A spend
    /// (<paramref name="spendableAt"/> set) leaves lots still in their return window alone; a claw-back may take any.
    /// </summary>
    public static async Task<IReadOnlyList<(long LotId, long Points)>> ConsumeLotsAsync(
        WriteScope scope, string tenantId, string memberId, long points, string? preferOrderId = null, DateTimeOffset? spendableAt = null)
    {
        var lots = (await scope.Connection.QueryAsync<LotRow>(
            $"""
            SELECT lot_id, remaining, expires_at, order_id FROM point_lots
            WHERE tenant_id = @tenantId AND member_id = @memberId AND remaining > 0
                  {(spendableAt is null ? "" : "AND (available_at IS NULL OR available_at <= @spendableAt)")}
            """, new { tenantId, memberId, spendableAt }, scope.Transaction)).ToList();
        var taken = new List<(long LotId, long Points)>();
        // A refund takes back the refunded order's own points first, then FIFO.
        if (preferOrderId is not null)
        {
            foreach (var own in lots.Where(l => l.OrderId == preferOrderId))
            {
                var take = Math.Min(own.Remaining, points);
                if (take > 0)
                {
                    taken.Add((own.LotId, take));
                    own.Remaining -= take;
                    points -= take;
                }
            }
        }
        taken.AddRange(Lots.Consume(lots.Select(l => new Lot(l.LotId, l.Remaining, l.ExpiresAt)), points));
        foreach (var (lotId, take) in taken)
        {
            await scope.Connection.ExecuteAsync(
                "UPDATE point_lots SET remaining = remaining - @take WHERE tenant_id = @tenantId AND member_id = @memberId AND lot_id = @lotId",
                new { tenantId, memberId, lotId, take }, scope.Transaction);
        }
        return taken;
    }

    public static Task RestoreLotAsync(WriteScope scope, string tenantId, string memberId, long lotId, long points) =>
        scope.Connection.ExecuteAsync(
            "UPDATE point_lots SET remaining = remaining + @points WHERE tenant_id = @tenantId AND member_id = @memberId AND lot_id = @lotId",
            new { tenantId, memberId, lotId, points }, scope.Transaction);

    private sealed class LotRow
    {
        public long LotId { get; init; }
        public long Remaining { get; set; }
        public DateTimeOffset? ExpiresAt { get; init; }
        public string? OrderId { get; init; }
    }
}
