using System.Data.Common;
using System.Globalization;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Analytics;

/// <summary>
/// Stores and reads refresh results. A refresh upserts its members in chunks through the write queue
/// (so SQLite's single writer is never held for long), then drops rows it did not write, then records the run.
/// </summary>
public sealed class InsightsStore(Database db, WriteQueue writes)
{
    private const int Chunk = 2_000;

    private const string Columns =
        "tenant_id, member_id, computed_at, orders, first_purchase, last_purchase, frequency, recency_days, t_days, monetary, " +
        "rfm_r, rfm_f, rfm_m, rfm_segment, p_alive, expected_purchases_90d, predicted_clv_12m, loyalty_stage, habit_strength, " +
        "spend, first_purchase_at, last_purchase_at";

    public async Task SaveAsync(string tenantId, IReadOnlyList<MemberInsight> insights, AnalyticsRun run, CancellationToken ct = default)
    {
        for (var start = 0; start < insights.Count; start += Chunk)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = insights.Skip(start).Take(Chunk).ToList();
            await writes.RunAsync(async scope =>
            {
                await (scope.Db.Kind == StoreKind.Postgres
                    ? UpsertPostgresAsync(scope, tenantId, run.ComputedAt, chunk)
                    : UpsertSqliteAsync(scope, tenantId, run.ComputedAt, chunk));
                return 0;
            });
        }
        await writes.RunAsync(async scope =>
        {
            await scope.Connection.ExecuteAsync(
                "DELETE FROM member_insights WHERE tenant_id = @tenantId AND computed_at <> @computedAt",
                new { tenantId, computedAt = run.ComputedAt }, scope.Transaction);
            await scope.Connection.ExecuteAsync(
                "INSERT INTO analytics_runs (tenant_id, computed_at, overview, rfm, cohorts, clv) VALUES (@tenantId, @ComputedAt, @Overview, @Rfm, @Cohorts, @Clv)",
                new { tenantId, run.ComputedAt, run.Overview, run.Rfm, run.Cohorts, run.Clv }, scope.Transaction);
            return 0;
        });
    }

    /// <summary>Erasure drops what analytics concluded about the member.</summary>
    public static Task ForgetAsync(WriteScope scope, string tenantId, string memberId) =>
        scope.Connection.ExecuteAsync("DELETE FROM member_insights WHERE tenant_id = @tenantId AND member_id = @memberId",
            new { tenantId, memberId }, scope.Transaction);

    public async Task<MemberInsight?> FindAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<InsightRow>(
            $"SELECT {Columns} FROM member_insights WHERE tenant_id = @tenantId AND member_id = @memberId", new { tenantId, memberId });
        return row?.ToInsight();
    }

    public async Task<AnalyticsRun?> LatestRunAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(
            "SELECT computed_at, overview, rfm, cohorts, clv FROM analytics_runs WHERE tenant_id = @tenantId ORDER BY computed_at DESC LIMIT 1",
            new { tenantId });
        return row is null ? null : new AnalyticsRun(row.ComputedAt, row.Overview, row.Rfm, row.Cohorts, row.Clv);
    }

    /// <summary>The overview of each of the latest refreshes, newest first: the dashboard's KPI trends.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset ComputedAt, string Overview)>> RecentOverviewsAsync(string tenantId, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RunRow>(
            "SELECT computed_at, overview FROM analytics_runs WHERE tenant_id = @tenantId ORDER BY computed_at DESC LIMIT @limit",
            new { tenantId, limit });
        return rows.Select(r => (r.ComputedAt, r.Overview)).ToList();
    }

    /// <summary>
    /// Purchasers by age (days since their first purchase, in 30-day buckets) with their repeat purchases: what the
    /// fitted model's expected repeat purchases over the same age are compared with.
    /// </summary>
    public async Task<IReadOnlyList<AgeBucket>> AgeBucketsAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<AgeBucket>(
            """
            SELECT CAST(t_days AS integer) / 30 AS bucket, count(*) AS customers, sum(frequency) AS repeat_purchases, avg(t_days) AS mean_age_days
            FROM member_insights WHERE tenant_id = @tenantId GROUP BY CAST(t_days AS integer) / 30 ORDER BY 1
            """, new { tenantId })).ToList();
    }

    /// <summary>One statement per chunk: the rows travel as arrays and unnest into a set.</summary>
    private static Task UpsertPostgresAsync(WriteScope scope, string tenantId, DateTimeOffset computedAt, List<MemberInsight> rows) =>
        scope.Connection.ExecuteAsync(
            PostgresUpsert, new
            {
                tenantId,
                computedAt,
                member = rows.Select(r => r.MemberId).ToArray(),
                orders = rows.Select(r => r.Orders).ToArray(),
                first = rows.Select(r => Day(r.FirstPurchase)).ToArray(),
                last = rows.Select(r => Day(r.LastPurchase)).ToArray(),
                frequency = rows.Select(r => r.Frequency).ToArray(),
                recency = rows.Select(r => r.RecencyDays).ToArray(),
                t = rows.Select(r => r.TDays).ToArray(),
                monetary = rows.Select(r => r.Monetary).ToArray(),
                r = rows.Select(r => (short)r.RfmR).ToArray(),
                f = rows.Select(r => (short)r.RfmF).ToArray(),
                m = rows.Select(r => (short)r.RfmM).ToArray(),
                segment = rows.Select(r => r.RfmSegment).ToArray(),
                alive = rows.Select(r => r.PAlive).ToArray(),
                expected = rows.Select(r => r.ExpectedPurchases90d).ToArray(),
                clv = rows.Select(r => r.PredictedClv12m).ToArray(),
                stage = rows.Select(r => r.LoyaltyStage).ToArray(),
                habit = rows.Select(r => r.HabitStrength).ToArray(),
                spend = rows.Select(r => r.Spend).ToArray(),
                firstAt = rows.Select(r => r.FirstPurchaseAt?.UtcDateTime).ToArray(),
                lastAt = rows.Select(r => r.LastPurchaseAt?.UtcDateTime).ToArray(),
            }, scope.Transaction);

    private const string PostgresUpsert =
        $"""
        INSERT INTO member_insights ({Columns})
        SELECT @tenantId, u.member, @computedAt, u.orders, u.first, u.last, u.frequency, u.recency, u.t, u.monetary,
               u.r, u.f, u.m, u.segment, u.alive, u.expected, u.clv, u.stage, u.habit, u.spend, u.first_at, u.last_at
        FROM unnest(@member, @orders, @first, @last, @frequency, @recency, @t, @monetary, @r, @f, @m, @segment, @alive, @expected, @clv, @stage, @habit,
                    @spend, @firstAt, @lastAt)
             AS u(member, orders, first, last, frequency, recency, t, monetary, r, f, m, segment, alive, expected, clv, stage, habit, spend, first_at, last_at)
        ON CONFLICT (tenant_id, member_id) DO UPDATE SET
            computed_at = excluded.computed_at, orders = excluded.orders, first_purchase = excluded.first_purchase,
            last_purchase = excluded.last_purchase, frequency = excluded.frequency, recency_days = excluded.recency_days,
            t_days = excluded.t_days, monetary = excluded.monetary, rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f,
            rfm_m = excluded.rfm_m, rfm_segment = excluded.rfm_segment, p_alive = excluded.p_alive,
            expected_purchases_90d = excluded.expected_purchases_90d, predicted_clv_12m = excluded.predicted_clv_12m,
            loyalty_stage = excluded.loyalty_stage, habit_strength = excluded.habit_strength, spend = excluded.spend,
            first_purchase_at = excluded.first_purchase_at, last_purchase_at = excluded.last_purchase_at
        """;

    /// <summary>SQLite binds per statement, so one prepared insert runs once per row.</summary>
    private static async Task UpsertSqliteAsync(WriteScope scope, string tenantId, DateTimeOffset computedAt, List<MemberInsight> rows)
    {
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        var names = Columns.Split(", ");
        command.CommandText = $"INSERT OR REPLACE INTO member_insights ({Columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})";
        var parameters = names.ToDictionary(n => n, n => Add(command, n));
        parameters["tenant_id"].Value = tenantId;
        parameters["computed_at"].Value = DapperSetup.ToSqliteText(computedAt);
        foreach (var row in rows)
        {
            parameters["member_id"].Value = row.MemberId;
            parameters["orders"].Value = row.Orders;
            parameters["first_purchase"].Value = Day(row.FirstPurchase);
            parameters["last_purchase"].Value = Day(row.LastPurchase);
            parameters["frequency"].Value = row.Frequency;
            parameters["recency_days"].Value = row.RecencyDays;
            parameters["t_days"].Value = row.TDays;
            parameters["monetary"].Value = row.Monetary;
            parameters["rfm_r"].Value = row.RfmR;
            parameters["rfm_f"].Value = row.RfmF;
            parameters["rfm_m"].Value = row.RfmM;
            parameters["rfm_segment"].Value = row.RfmSegment;
            parameters["p_alive"].Value = (object?)row.PAlive ?? DBNull.Value;
            parameters["expected_purchases_90d"].Value = (object?)row.ExpectedPurchases90d ?? DBNull.Value;
            parameters["predicted_clv_12m"].Value = (object?)row.PredictedClv12m ?? DBNull.Value;
            parameters["loyalty_stage"].Value = row.LoyaltyStage;
            parameters["habit_strength"].Value = row.HabitStrength;
            parameters["spend"].Value = row.Spend;
            parameters["first_purchase_at"].Value = row.FirstPurchaseAt is { } first ? DapperSetup.ToSqliteText(first) : DBNull.Value;
            parameters["last_purchase_at"].Value = row.LastPurchaseAt is { } last ? DapperSetup.ToSqliteText(last) : DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Rows are classes with settable properties: Dapper then converts column types (smallint, integer, bigint) per store.
    private sealed class RunRow
    {
        public DateTimeOffset ComputedAt { get; set; }
        public string Overview { get; set; } = "";
        public string Rfm { get; set; } = "";
        public string Cohorts { get; set; } = "";
        public string Clv { get; set; } = "";
    }

    public sealed class AgeBucket
    {
        public long Bucket { get; set; }
        public long Customers { get; set; }
        public long RepeatPurchases { get; set; }
        public double MeanAgeDays { get; set; }
    }

    private sealed class InsightRow
    {
        public string MemberId { get; set; } = "";
        public int Orders { get; set; }
        public string FirstPurchase { get; set; } = "";
        public string LastPurchase { get; set; } = "";
        public int Frequency { get; set; }
        public double RecencyDays { get; set; }
        public double TDays { get; set; }
        public double Monetary { get; set; }
        public int RfmR { get; set; }
        public int RfmF { get; set; }
        public int RfmM { get; set; }
        public string RfmSegment { get; set; } = "";
        public double? PAlive { get; set; }
        public double? ExpectedPurchases90d { get; set; }
        public double? PredictedClv12m { get; set; }
        public string LoyaltyStage { get; set; } = "";
        public double HabitStrength { get; set; }
        public double Spend { get; set; }
        public DateTimeOffset? FirstPurchaseAt { get; set; }
        public DateTimeOffset? LastPurchaseAt { get; set; }

        public MemberInsight ToInsight() => new(MemberId, Orders,
            DateOnly.ParseExact(FirstPurchase, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(LastPurchase, "yyyy-MM-dd", CultureInfo.InvariantCulture), Frequency, RecencyDays, TDays, Monetary,
            RfmR, RfmF, RfmM, RfmSegment, PAlive, ExpectedPurchases90d, PredictedClv12m, LoyaltyStage, HabitStrength,
            Spend, FirstPurchaseAt, LastPurchaseAt);
    }
}
