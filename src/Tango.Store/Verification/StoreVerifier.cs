using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Verification;

/// <summary>
/// `tango verify`: proves the ledger's invariants on a whole store. Every member's cached balances
/// equal the sum of their lines; lots hold exactly the spendable points; no order gave back more than it earned;
/// no referral reward was taken back more than it was paid, and every completed challenge paid exactly its points.
/// </summary>
public sealed class StoreVerifier(Database db)
{
    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var problems = new List<string>();
        var balances = await connection.QueryAsync<Mismatch>(
            $"""
            SELECT m.tenant_id, m.member_id, m.points_balance AS cached, m.wallet_minor AS cached_wallet,
                   coalesce(l.points_high, 0) AS actual_high, coalesce(l.points_low, 0) AS actual_low,
                   coalesce(l.wallet_high, 0) AS actual_wallet_high, coalesce(l.wallet_low, 0) AS actual_wallet_low
            FROM members m LEFT JOIN (
                SELECT tenant_id, member_id,
                       {Wide.Sum("CASE WHEN account = 'points' THEN amount ELSE 0 END", "points")},
                       {Wide.Sum("CASE WHEN account = 'wallet' THEN amount ELSE 0 END", "wallet")}
                FROM ledger_lines GROUP BY tenant_id, member_id) l
              ON l.tenant_id = m.tenant_id AND l.member_id = m.member_id
            WHERE {Wide.Differs("m.points_balance", "coalesce(l.points_high, 0)", "coalesce(l.points_low, 0)")}
               OR {Wide.Differs("m.wallet_minor", "coalesce(l.wallet_high, 0)", "coalesce(l.wallet_low, 0)")}
            """);
        problems.AddRange(balances.Select(b =>
            $"{b.TenantId}/{b.MemberId}: balance {b.Cached} points and {b.CachedWallet} wallet, lines sum to {b.Actual} and {b.ActualWallet}"));

        var lots = await connection.QueryAsync<Mismatch>(
            $"""
            SELECT m.tenant_id, m.member_id, m.points_balance AS cached, {Wide.Sum("coalesce(p.remaining, 0)", "actual")}
            FROM members m LEFT JOIN point_lots p ON p.tenant_id = m.tenant_id AND p.member_id = m.member_id
            GROUP BY m.tenant_id, m.member_id, m.points_balance
            HAVING {Wide.Differs("CASE WHEN m.points_balance > 0 THEN m.points_balance ELSE 0 END",
                Wide.High("coalesce(p.remaining, 0)"), Wide.Low("coalesce(p.remaining, 0)"))}
            """);
        problems.AddRange(lots.Select(l => $"{l.TenantId}/{l.MemberId}: lots hold {l.Actual} spendable points, balance is {l.Cached}"));

        var orders = await connection.QueryAsync<OverClaw>(
            """
            SELECT tenant_id, order_id, points_earned, points_clawed, total_minor, refunded_minor FROM orders
            WHERE points_clawed > points_earned OR wallet_clawed > wallet_earned OR refunded_minor > total_minor
               OR points_clawed < 0 OR refunded_minor < 0
            """);
        problems.AddRange(orders.Select(o =>
            $"{o.TenantId}/order {o.OrderId}: refunded {o.RefundedMinor} of {o.TotalMinor}, clawed back {o.PointsClawed} of {o.PointsEarned} points"));

        var clawLines = await connection.QueryAsync<OverClaw>(
            """
            SELECT o.tenant_id, o.order_id, o.points_earned, coalesce(-sum(l.amount), 0) AS points_clawed, o.total_minor, o.refunded_minor
            FROM orders o JOIN ledger_lines l ON l.tenant_id = o.tenant_id AND l.member_id = o.member_id AND l.order_id = o.order_id
            WHERE l.kind = 'clawback' AND l.account = 'points'
            GROUP BY o.tenant_id, o.order_id, o.points_earned, o.total_minor, o.refunded_minor
            HAVING -sum(l.amount) > o.points_earned
            """);
        problems.AddRange(clawLines.Select(o =>
            $"{o.TenantId}/order {o.OrderId}: clawback lines take {o.PointsClawed} points, the order earned {o.PointsEarned}"));
        problems.AddRange(await BonusProblemsAsync(connection));
        return problems;
    }

    /// <summary>Referral and challenge points: a reversal never takes back more than the referral paid; a completion pays its points once.</summary>
    private static async Task<IEnumerable<string>> BonusProblemsAsync(System.Data.Common.DbConnection connection)
    {
        var reversals = await connection.QueryAsync<(string TenantId, string MemberId, string OrderId, long Paid, long Reversed)>(
            """
            SELECT tenant_id, member_id, order_id,
                   CAST(sum(CASE WHEN kind = 'referral' THEN amount ELSE 0 END) AS bigint) AS paid,
                   CAST(-sum(CASE WHEN kind = 'referral-reversal' THEN amount ELSE 0 END) AS bigint) AS reversed
            FROM ledger_lines WHERE kind IN ('referral', 'referral-reversal') AND account = 'points'
            GROUP BY tenant_id, member_id, order_id
            HAVING -sum(CASE WHEN kind = 'referral-reversal' THEN amount ELSE 0 END) > sum(CASE WHEN kind = 'referral' THEN amount ELSE 0 END)
            """);
        var completions = await connection.QueryAsync<(string TenantId, string MemberId, string ChallengeId, string Occurrence, long Points, long Paid)>(
            """
            SELECT c.tenant_id, c.member_id, c.challenge_id, c.occurrence, c.points, CAST(coalesce(sum(l.amount), 0) AS bigint) AS paid
            FROM challenge_completions c
            LEFT JOIN ledger_lines l ON l.tenant_id = c.tenant_id AND l.member_id = c.member_id AND l.event_id = c.event_id
                                    AND l.rule_id = c.challenge_id AND l.kind = 'challenge'
            GROUP BY c.tenant_id, c.member_id, c.challenge_id, c.occurrence, c.points
            HAVING coalesce(sum(l.amount), 0) <> c.points
            """);
        return reversals.Select(r => $"{r.TenantId}/{r.MemberId}: referral of order {r.OrderId} paid {r.Paid} points and took back {r.Reversed}")
            .Concat(completions.Select(c =>
                $"{c.TenantId}/{c.MemberId}: challenge {c.ChallengeId} ({c.Occurrence}) should have paid {c.Points} points, its lines pay {c.Paid}"));
    }

    public async Task<(long Members, long Lines)> CountsAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var members = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM members");
        var lines = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_lines");
        return (members, lines);
    }

    private sealed class Mismatch
    {
        public string TenantId { get; init; } = "";
        public string MemberId { get; init; } = "";
        public long Cached { get; init; }
        public decimal ActualHigh { get; init; }
        public decimal ActualLow { get; init; }
        public decimal Actual => Wide.Join(ActualHigh, ActualLow);
        public long CachedWallet { get; init; }
        public decimal ActualWalletHigh { get; init; }
        public decimal ActualWalletLow { get; init; }
        public decimal ActualWallet => Wide.Join(ActualWalletHigh, ActualWalletLow);
    }

    /// <summary>
    /// Sums of 64-bit amounts that cannot overflow on either store. A store being verified may hold anything, and
    /// SQLite's sum() fails on an integer overflow (PostgreSQL's is numeric, but a bigint product would fail), so the
    /// high and low 32 bits of each amount are summed apart (each sum stays far inside 64 bits) and joined as a decimal.
    /// </summary>
    private static class Wide
    {
        private const string Half = "4294967296";

        public static string High(string amount) => $"sum(({amount}) / {Half})";

        public static string Low(string amount) => $"sum(({amount}) % {Half})";

        public static string Sum(string amount, string name) => $"{High(amount)} AS {name}_high, {Low(amount)} AS {name}_low";

        /// <summary>value ≠ high·2³² + low, written so that nothing can overflow: numeric on PostgreSQL, real on SQLite.</summary>
        public static string Differs(string value, string high, string low) =>
            $"(CAST(({value}) / {Half} AS NUMERIC) - ({high})) * {Half} <> ({low}) - ({value}) % {Half}";

        public static decimal Join(decimal high, decimal low) => (high * 4_294_967_296m) + low;
    }

    private sealed class OverClaw
    {
        public string TenantId { get; init; } = "";
        public string OrderId { get; init; } = "";
        public long PointsEarned { get; init; }
        public long PointsClawed { get; init; }
        public long TotalMinor { get; init; }
        public long RefundedMinor { get; init; }
    }
}
