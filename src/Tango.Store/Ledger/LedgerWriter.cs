using System.Data.Common;
using Dapper;
using Tango.Domain.Ledger;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Ledger;

/// <summary>
/// A lot of points; it takes the id of the ledger line it is written with. A purchase's lot under `pendingDays` may
/// not be spent before <paramref name="AvailableAt"/> (null: at once).
/// </summary>
internal sealed record LotWrite(long Points, long Remaining, DateTimeOffset? AvailableAt = null);

/// <summary>
/// The only code that appends ledger lines and lots. <see cref="AppendAsync"/> moves the member's cached balance in the
/// same transaction; the batched appends leave that to their caller, which moves each member once in the same
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

    // Line ids are drawn from the ledger's sequence once per row (k is materialised), so a lot can take
    // the id of the line it is written with, as lastval() gives it on the row-by-row path.
    private const string LinesAndLotsSetSql = """
        WITH k AS MATERIALIZED (
            SELECT nextval('ledger_lines_line_id_seq') AS line_id, u.*
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[],
                        $9::integer[], $10::text[], $11::text[], $12::timestamptz[], $13::bigint[], $14::bigint[],
                        $15::timestamptz[])
                 AS u(tenant_id, member_id, at, account, amount, kind, reason, rule_id, program_version, event_id, order_id, expires_at,
                      lot_points, lot_remaining, available_at)
        ), lines AS (
            INSERT INTO ledger_lines (line_id, tenant_id, member_id, at, account, amount, kind, reason, rule_id, program_version,
                                      event_id, order_id, expires_at)
            SELECT line_id, tenant_id, member_id, at, account, amount, kind, reason, rule_id, program_version, event_id, order_id, expires_at
            FROM k
        )
        INSERT INTO point_lots (tenant_id, member_id, lot_id, order_id, points, remaining, expires_at, available_at)
        SELECT tenant_id, member_id, line_id, order_id, lot_points, lot_remaining, expires_at, available_at FROM k WHERE lot_points IS NOT NULL
        """;

    // The lot takes the id of the ledger line inserted just before it.
    private const string LotAfterLineSql = """
        INSERT INTO point_lots (tenant_id, member_id, lot_id, order_id, points, remaining, expires_at, available_at)
        VALUES (@tenantId, @memberId, last_insert_rowid(), @orderId, @points, @remaining, @expiresAt, @availableAt)
        """;

    /// <summary>
    /// PostgreSQL: a batch's lines, each with its lot when it carries one, as one set-based statement of the batch. The
    /// caller moves the balances (the purchase path moves each member once per batch).
    /// </summary>
    public static void AddSetStatement(SqlBatch batch, IReadOnlyList<(string TenantId, LedgerLine Line, LotWrite? Lot)> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        batch.Add(LinesAndLotsSetSql,
            SqlBatch.Text(lines.Select(l => l.TenantId)), SqlBatch.Text(lines.Select(l => l.Line.MemberId)),
            SqlBatch.Instants(lines.Select(l => l.Line.At)), SqlBatch.Text(lines.Select(l => l.Line.Account)),
            SqlBatch.Bigint(lines.Select(l => l.Line.Amount)), SqlBatch.Text(lines.Select(l => l.Line.Kind)),
            SqlBatch.Text(lines.Select(l => l.Line.Reason)), SqlBatch.Text(lines.Select(l => l.Line.RuleId)),
            SqlBatch.Integer(lines.Select(l => l.Line.ProgramVersion)), SqlBatch.Text(lines.Select(l => l.Line.EventId)),
            SqlBatch.Text(lines.Select(l => l.Line.OrderId)), SqlBatch.Instants(lines.Select(l => l.Line.ExpiresAt)),
            SqlBatch.Bigint(lines.Select(l => l.Lot?.Points)), SqlBatch.Bigint(lines.Select(l => l.Lot?.Remaining)),
            SqlBatch.Instants(lines.Select(l => l.Lot?.AvailableAt)));
    }

    /// <summary>SQLite: the same, row by row with statements prepared once per writer connection.</summary>
    public static async Task AppendEachAsync(WriteScope scope, IReadOnlyList<(string TenantId, LedgerLine Line, LotWrite? Lot)> lines)
    {
        foreach (var (tenantId, line, lot) in lines)
        {
            await SqliteStatements.ExecuteAsync(scope, InsertSql, Args(tenantId, line));
            if (lot is not null)
            {
                await SqliteStatements.ExecuteAsync(scope, LotAfterLineSql, new Dictionary<string, object?>
                {
                    ["tenantId"] = tenantId,
                    ["memberId"] = line.MemberId,
                    ["orderId"] = line.OrderId,
                    ["points"] = lot.Points,
                    ["remaining"] = lot.Remaining,
                    ["expiresAt"] = line.ExpiresAt,
                    ["availableAt"] = lot.AvailableAt,
                });
            }
        }
    }

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
