using Dapper;
using Tango.Domain.Money;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;

namespace Tango.Store.Rewards;

public sealed record SurpriseMonth(string Month, long Granted, long CostPoints);

public sealed record SurpriseTally(string SurpriseId, long Granted, long CostPoints);

/// <summary>What surprised members did in the days after: how many bought again, how often, for how much.</summary>
public sealed record SurpriseAftermath(int Days, int MembersSurprised, int MembersWhoBought, long Purchases, decimal Spend, string Currency);

/// <summary>`GET /v1/surprises/report`: what surprises cost, against the budget, and what happened after them.</summary>
public sealed record SurpriseReport(DateTimeOffset From, DateTimeOffset To, long MonthlyBudgetPoints, long Draws, long Granted, long CostPoints,
    IReadOnlyList<SurpriseMonth> Months, IReadOnlyList<SurpriseTally> BySurprise, SurpriseAftermath After);

public sealed class SurpriseReports(Database db, ProgramStore programs)
{
    public const int AftermathDays = 30;

    public async Task<SurpriseReport> ReportAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var program = (await programs.CurrentAsync(connection, null, tenantId)).Document;
        var args = new { tenantId, from, to, yes = true };
        var draws = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM surprise_draws WHERE tenant_id = @tenantId AND drawn_at >= @from AND drawn_at < @to", args);
        var grants = (await connection.QueryAsync<GrantRow>(
            """
            SELECT member_id, drawn_at, surprise_id, cost_points FROM surprise_draws
            WHERE tenant_id = @tenantId AND granted = @yes AND drawn_at >= @from AND drawn_at < @to
            """, args)).ToList();
        var after = (await connection.QueryAsync<AfterRow>(
            """
            SELECT d.member_id, d.drawn_at, o.occurred_at, o.total_minor - o.refunded_minor AS net_minor
            FROM surprise_draws d JOIN orders o ON o.tenant_id = d.tenant_id AND o.member_id = d.member_id AND o.occurred_at > d.drawn_at
            WHERE d.tenant_id = @tenantId AND d.granted = @yes AND d.drawn_at >= @from AND d.drawn_at < @to
            """, args))
            .Where(r => r.OccurredAt <= r.DrawnAt.AddDays(AftermathDays))
            .ToList();

        var months = grants.GroupBy(g => Surprises.Month(g.DrawnAt)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SurpriseMonth(g.Key, g.Count(), g.Sum(x => x.CostPoints))).ToList();
        var bySurprise = grants.GroupBy(g => g.SurpriseId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SurpriseTally(g.Key, g.Count(), g.Sum(x => x.CostPoints))).ToList();
        var aftermath = new SurpriseAftermath(AftermathDays, grants.Select(g => g.MemberId).Distinct().Count(),
            after.Select(a => a.MemberId).Distinct().Count(), after.Count, Currency.FromMinor(after.Sum(a => a.NetMinor), program.Currency),
            program.Currency);
        return new SurpriseReport(from, to, program.Surprises?.MonthlyBudgetPoints ?? 0, draws, grants.Count, grants.Sum(g => g.CostPoints),
            months, bySurprise, aftermath);
    }

    private sealed class GrantRow
    {
        public string MemberId { get; init; } = "";
        public DateTimeOffset DrawnAt { get; init; }
        public string SurpriseId { get; init; } = "";
        public long CostPoints { get; init; }
    }

    private sealed class AfterRow
    {
        public string MemberId { get; init; } = "";
        public DateTimeOffset DrawnAt { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public long NetMinor { get; init; }
    }
}
