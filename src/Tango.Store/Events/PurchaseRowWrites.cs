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
        await LedgerWriter.AppendEachAsync(scope, w.Lines);
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
