using Dapper;
using Tango.Domain.Money;
using Tango.Store.Infrastructure;

namespace Tango.Store.Ledger;

public sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

public sealed record Balance(long Points, long PendingPoints, decimal Wallet, IReadOnlyList<ExpiringPoints> Expiring);

public sealed record LedgerEntry(long LineId, DateTimeOffset At, string Account, decimal Amount, string Kind, string Reason,
    string? RuleId, int? ProgramVersion, string? EventId, string? OrderId, string? RedemptionId, DateTimeOffset? ExpiresAt);

public sealed class LedgerQueries(Database db, Programs.ProgramStore programs, TimeProvider clock)
{
    /// <summary>
    /// `GET …/balance` on one connection and in one round trip: the member's totals, the points still pending (their
    /// lots unlock after the return window), the program version (for its currency; a parsed version is cached) and
    /// the lots still to expire. Null when the member is unknown or erased.
    /// </summary>
    public async Task<Balance?> BalanceOfAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var results = await connection.QueryMultipleAsync(
            $"""
            SELECT points_balance, wallet_minor, erased_at,
                   (SELECT max(version) FROM program_versions WHERE tenant_id = @tenantId) AS program_version,
                   ({LedgerWriter.PendingSql}) AS pending_points
            FROM members WHERE tenant_id = @tenantId AND member_id = @memberId;
            {ExpiringSql}
            """, new { tenantId, memberId, now = clock.GetUtcNow() });
        var totals = await results.ReadSingleOrDefaultAsync<Totals>();
        var expiring = await results.ReadAsync<ExpiringRow>();
        if (totals is null || totals.ErasedAt is not null)
        {
            return null;
        }
        var currency = (await programs.VersionAsync(connection, null, tenantId, totals.ProgramVersion ?? 0)).Document.Currency;
        return new Balance(totals.PointsBalance, totals.PendingPoints, Currency.FromMinor(totals.WalletMinor, currency),
            expiring.Select(e => new ExpiringPoints(e.Points, e.ExpiresAt)).ToList());
    }

    private const string ExpiringSql = """
        SELECT expires_at, sum(remaining) AS points FROM point_lots
        WHERE tenant_id = @tenantId AND member_id = @memberId AND remaining > 0 AND expires_at IS NOT NULL
        GROUP BY expires_at ORDER BY expires_at
        """;

    /// <summary>Newest first; the cursor is the last line id seen.</summary>
    public async Task<(IReadOnlyList<LedgerEntry> Items, long? Next)> LinesAsync(string tenantId, string memberId, string currency,
        int limit, long? before, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<LedgerLine>(
            $"""
            SELECT line_id, member_id, at, account, amount, kind, reason, rule_id, program_version, event_id, order_id, redemption_id, expires_at
            FROM ledger_lines WHERE tenant_id = @tenantId AND member_id = @memberId {(before is null ? "" : "AND line_id < @before")}
            ORDER BY line_id DESC LIMIT @take
            """, new { tenantId, memberId, before, take = limit + 1 })).ToList();
        var items = rows.Take(limit).Select(l => new LedgerEntry(l.LineId, l.At, l.Account,
            l.Account == "wallet" ? Currency.FromMinor(l.Amount, currency) : l.Amount, l.Kind, l.Reason, l.RuleId,
            l.ProgramVersion, l.EventId, l.OrderId, l.RedemptionId, l.ExpiresAt)).ToList();
        return (items, rows.Count > limit ? items[^1].LineId : null);
    }

    private sealed class Totals
    {
        public long PointsBalance { get; init; }
        public long WalletMinor { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
        public int? ProgramVersion { get; init; }
        public long PendingPoints { get; init; }
    }

    private sealed class ExpiringRow
    {
        public DateTimeOffset ExpiresAt { get; init; }
        public long Points { get; init; }
    }
}
