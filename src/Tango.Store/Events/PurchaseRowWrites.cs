using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;

namespace Tango.Store.Events;

/// <summary>
/// A batch's purchases written on SQLite: row by row, since SQLite is in-process and a row costs no round trip,
/// each statement prepared once per writer connection (<see cref="SqliteStatements"/>) and run again with new values.
/// </summary>
internal static class PurchaseRowWrites
{
    // The lot takes the id of the ledger line inserted just before it.
    private const string LotSql = """
        INSERT INTO point_lots (tenant_id, member_id, lot_id, order_id, points, remaining, expires_at, available_at)
        VALUES (@tenantId, @memberId, last_insert_rowid(), @orderId, @points, @remaining, @expiresAt, @availableAt)
        """;

    private const string OrderSql = """
        INSERT INTO orders (tenant_id, order_id, member_id, event_id, occurred_at, currency, total_minor, points_earned, wallet_earned, program_version)
        VALUES (@tenantId, @orderId, @memberId, @eventId, @at, @currency, @totalMinor, @points, @walletMinor, @programVersion)
        """;

    private const string BalanceSql = """
        UPDATE members SET points_balance = points_balance + @points, wallet_minor = wallet_minor + @walletMinor, tier_id = @tierId, updated_at = @now
        WHERE tenant_id = @tenantId AND member_id = @memberId
        """;

    public static async Task WriteAsync(WriteScope scope, PurchaseWrites w)
    {
        var now = w.Now;
        foreach (var (tenantId, memberId) in w.Enrolments)
        {
            await SqliteStatements.ExecuteAsync(scope, MemberSql.EnrolSql, MemberSql.EnrolArgs(tenantId, memberId, now));
        }
        foreach (var (command, eventId) in w.Events)
        {
            await SqliteStatements.ExecuteAsync(scope, EventWrites.InsertEventSql, EventWrites.EventArgs(command, eventId, now));
        }
        foreach (var (tenantId, line, lot) in w.Lines)
        {
            await SqliteStatements.ExecuteAsync(scope, LedgerWriter.InsertSql, LedgerWriter.Args(tenantId, line));
            if (lot is not null)
            {
                await SqliteStatements.ExecuteAsync(scope, LotSql, LotArgs(tenantId, line, lot));
            }
        }
        foreach (var order in w.Orders)
        {
            await SqliteStatements.ExecuteAsync(scope, OrderSql, OrderArgs(order));
        }
        foreach (var move in w.Moves)
        {
            await SqliteStatements.ExecuteAsync(scope, BalanceSql, BalanceArgs(move, now));
        }
        foreach (var (key, response) in w.Keys)
        {
            await SqliteStatements.ExecuteAsync(scope, IdempotencyKey.InsertSql, key.InsertArgs(response));
        }
    }

    private static Dictionary<string, object?> LotArgs(string tenantId, LedgerLine line, LotWrite lot) => new()
    {
        ["tenantId"] = tenantId,
        ["memberId"] = line.MemberId,
        ["orderId"] = line.OrderId,
        ["points"] = lot.Points,
        ["remaining"] = lot.Remaining,
        ["expiresAt"] = line.ExpiresAt,
        ["availableAt"] = lot.AvailableAt,
    };

    private static Dictionary<string, object?> OrderArgs(OrderWrite o) => new()
    {
        ["tenantId"] = o.TenantId,
        ["orderId"] = o.OrderId,
        ["memberId"] = o.MemberId,
        ["eventId"] = o.EventId,
        ["at"] = o.At,
        ["currency"] = o.Currency,
        ["totalMinor"] = o.TotalMinor,
        ["points"] = o.Points,
        ["walletMinor"] = o.WalletMinor,
        ["programVersion"] = o.ProgramVersion,
    };

    private static Dictionary<string, object?> BalanceArgs(BalanceMove move, DateTimeOffset now) => new()
    {
        ["points"] = move.Points,
        ["walletMinor"] = move.WalletMinor,
        ["tierId"] = move.TierId,
        ["now"] = now,
        ["tenantId"] = move.TenantId,
        ["memberId"] = move.MemberId,
    };
}
