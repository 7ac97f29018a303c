using Npgsql;
using Tango.Domain.Ledger;
using Tango.Store.Infrastructure;

namespace Tango.Store.Events;

/// <summary>What the member earned from purchases (net of claw-backs) in the local day and month of a purchase.</summary>
internal sealed record PeriodEarnings(long Day, long Month)
{
    public static readonly PeriodEarnings None = new(0, 0);

    public PeriodEarnings With(DateTimeOffset at, long points, EarningPeriods periods) =>
        at < periods.MonthStart || at >= periods.MonthEnd
            ? this
            : new PeriodEarnings(at >= periods.DayStart && at < periods.DayEnd ? Day + points : Day, Month + points);
}

/// <summary>
/// The reads behind `earning.limits`: the member's stored orders in the purchase's local month, summed for the day
/// and the month. A refunded share gives its room back, as it gives back its points. Only a program with limits reads.
/// </summary>
internal static class EarningLimitReads
{
    public static bool Wants(PurchaseItem item) => item.LimitPeriods is not null;

    private const string EachSql = """
        SELECT CAST(coalesce(sum(CASE WHEN occurred_at >= @dayStart AND occurred_at < @dayEnd THEN points_earned - points_clawed ELSE 0 END), 0) AS bigint) AS day,
               CAST(coalesce(sum(points_earned - points_clawed), 0) AS bigint) AS month
        FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId AND occurred_at >= @monthStart AND occurred_at < @monthEnd
        """;

    /// <summary>The same for each purchase by its place n in the arrays.</summary>
    public const string SetSql = """
        SELECT CAST(coalesce(sum(CASE WHEN o.occurred_at >= k.day_start AND o.occurred_at < k.day_end THEN o.points_earned - o.points_clawed ELSE 0 END), 0) AS bigint) AS day,
               CAST(coalesce(sum(o.points_earned - o.points_clawed), 0) AS bigint) AS month
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])
             WITH ORDINALITY AS k(id, day_start, day_end, month_start, month_end, n)
        LEFT JOIN orders o ON o.tenant_id = $1 AND o.member_id = k.id AND o.occurred_at >= k.month_start AND o.occurred_at < k.month_end
        GROUP BY k.n ORDER BY k.n
        """;

    public static async Task<PurchaseRead> ReadEachAsync(WriteScope scope, PurchaseItem item, PurchaseRead read)
    {
        if (item.LimitPeriods is not { } p)
        {
            return read;
        }
        // SQLite only (PostgreSQL reads the whole batch set-based): a statement prepared once per writer connection.
        var row = await SqliteStatements.QueryFirstOrDefaultAsync<PeriodRow>(scope, EachSql, new Dictionary<string, object?>
        {
            ["tenantId"] = item.Command.TenantId,
            ["memberId"] = item.Command.MemberId,
            ["dayStart"] = p.DayStart,
            ["dayEnd"] = p.DayEnd,
            ["monthStart"] = p.MonthStart,
            ["monthEnd"] = p.MonthEnd,
        });
        return read with { Earned = row is null ? PeriodEarnings.None : new PeriodEarnings(row.Day, row.Month) };
    }

    public static void AddSetStatement(SqlBatch batch, string tenant, IReadOnlyList<PurchaseItem> limited)
    {
        var periods = limited.Select(i => i.LimitPeriods!).ToList();
        batch.Add(SetSql, SqlBatch.Text(tenant), SqlBatch.Text(limited.Select(i => i.Command.MemberId)),
            SqlBatch.Instants(periods.Select(p => p.DayStart)), SqlBatch.Instants(periods.Select(p => p.DayEnd)),
            SqlBatch.Instants(periods.Select(p => p.MonthStart)), SqlBatch.Instants(periods.Select(p => p.MonthEnd)));
    }

    /// <summary>Reads one row per limited purchase, in order; the reader stands on the result before.</summary>
    public static async Task ReadSetAsync(NpgsqlDataReader reader, IReadOnlyList<PurchaseItem> limited,
        Dictionary<PurchaseItem, PeriodEarnings> into)
    {
        await reader.NextResultAsync();
        foreach (var item in limited)
        {
            await reader.ReadAsync();
            into[item] = new PeriodEarnings(reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    private sealed class PeriodRow
    {
        public long Day { get; init; }
        public long Month { get; init; }
    }
}
