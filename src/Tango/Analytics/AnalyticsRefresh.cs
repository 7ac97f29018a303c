using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Tango.Domain.Analytics.Insights;
using Tango.Domain.Analytics.Kpis;
using Tango.Domain.Analytics.Loyalty;
using Tango.Domain.Analytics.Rfm;
using Tango.Domain.Ledger;
using Tango.Store.Analytics;
using Tango.Store.Infrastructure;
using Tango.Store.Service;

namespace Tango.Analytics;

/// <summary>What `POST /v1/analytics:refresh` answers.</summary>
public sealed record RefreshOutcome(DateTimeOffset ComputedAt, int Members, int Purchasers, bool ModelFitted, string Model, long DurationMs);

/// <summary>
/// Recomputes a tenant's analytics off the request path: reads the orders once, analyses them, stores the
/// per-member insights and the tenant-wide documents. One refresh per tenant at a time, on every node.
/// </summary>
public sealed class AnalyticsRefresh(Database db, InsightsStore store, SurveyQueries surveys, AdvocacyQueries advocates, TimeProvider clock,
    AnalysisOptions options)
{
    /// <summary>NPS reads each member's latest answer of the last year: older opinions no longer speak for the member.</summary>
    public const int NpsWindowDays = 365;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    public async Task<AnalyticsRun> LatestOrNowAsync(string tenantId, CancellationToken ct)
    {
        if (await store.LatestRunAsync(tenantId, ct) is { } run)
        {
            return run;
        }
        await RunAsync(tenantId, ct);
        return await store.LatestRunAsync(tenantId, ct) ?? throw new InvalidOperationException("A refresh stored no run.");
    }

    public async Task<RefreshOutcome> RunAsync(string tenantId, CancellationToken ct)
    {
        var gate = _running.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var nodeLock = await NodeLock.TakeAsync(db, tenantId, ct);
            return await ComputeAsync(tenantId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RefreshOutcome> ComputeAsync(string tenantId, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var computedAt = clock.GetUtcNow();
        var asOf = DateOnly.FromDateTime(computedAt.UtcDateTime);
        var purchasers = new List<MemberPurchases>();
        await foreach (var member in OrderHistory.ReadAsync(db, tenantId, ct))
        {
            purchasers.Add(member);
        }
        var histories = purchasers.Select(p => new PurchaseHistory(p.Days, p.DaySpend, p.Orders, p.Revenue)).ToList();
        var latestNps = await surveys.LatestNpsAsync(tenantId, computedAt.AddDays(-NpsWindowDays), ct);
        var advocacy = await advocates.ReadAsync(tenantId, ct);
        var signals = purchasers.Select(p => new AdvocacySignals(
            latestNps.TryGetValue(p.MemberId, out var score) ? score : null,
            advocacy.QualifiedReferrals.GetValueOrDefault(p.MemberId),
            advocacy.Insiders.Contains(p.MemberId))).ToList();
        var result = await Task.Run(() => TenantAnalysis.Analyze(histories, asOf, options, signals), ct);

        var overview = await OverviewAsync(tenantId, purchasers, result, asOf, [.. latestNps.Values], ct);
        var insights = new List<MemberInsight>(purchasers.Count);
        for (var i = 0; i < purchasers.Count; i++)
        {
            if (!purchasers[i].Erased)
            {
                insights.Add(Insight(purchasers[i], result.Members[i]));
            }
        }
        var run = new AnalyticsRun(computedAt,
            StoreJson.Serialize(AnalyticsDocuments.Overview(computedAt, overview, latestNps.Count)),
            StoreJson.Serialize(AnalyticsDocuments.Rfm(computedAt, result.Rfm)),
            StoreJson.Serialize(AnalyticsDocuments.Cohorts(computedAt, result.MonthlyCohorts, result.WeeklyCohorts)),
            StoreJson.Serialize(AnalyticsDocuments.Clv(computedAt, result.Model)));
        await store.SaveAsync(tenantId, insights, run, ct);
        return new RefreshOutcome(computedAt, overview.Members, purchasers.Count, result.Model.Fitted, result.Model.Reason, watch.ElapsedMilliseconds);
    }

    /// <summary>
    /// KPIs over every member, purchasers with their P(alive), the rest with only their points; NPS over each
    /// member's latest answer.
    /// </summary>
    private async Task<KpiOverview> OverviewAsync(string tenantId, List<MemberPurchases> purchasers, TenantAnalysisResult result,
        DateOnly asOf, int[] npsScores, CancellationToken ct)
    {
        var index = new Dictionary<string, int>(purchasers.Count, StringComparer.Ordinal);
        for (var i = 0; i < purchasers.Count; i++)
        {
            index[purchasers[i].MemberId] = i;
        }
        var kpis = new KpiAccumulator(asOf);
        await foreach (var member in OrderHistory.MembersAsync(db, tenantId, ct))
        {
            var points = new Points(member.PointsBalance);
            if (index.TryGetValue(member.MemberId, out var i))
            {
                var p = purchasers[i];
                kpis.Add(new MemberAggregate(p.Orders, (decimal)p.Revenue, p.Days[0], p.Days[^1], result.Members[i].PAlive, points));
            }
            else
            {
                kpis.Add(new MemberAggregate(0, 0, null, null, null, points));
            }
        }
        return kpis.Result(NetPromoterScore.Of(npsScores));
    }

    private static MemberInsight Insight(MemberPurchases purchases, MemberScores scores) => new(
        purchases.MemberId, purchases.Orders, purchases.Days[0], purchases.Days[^1],
        (int)scores.Summary.Frequency, scores.Summary.Recency, scores.Summary.T, scores.Summary.Monetary,
        scores.Rfm.R, scores.Rfm.F, scores.Rfm.M, scores.Rfm.Segment.Name(),
        scores.PAlive, scores.ExpectedPurchases, scores.Clv, scores.Stage.Name(), scores.HabitStrength,
        purchases.Revenue, purchases.FirstAt, purchases.LastAt);

    /// <summary>On PostgreSQL an advisory lock keeps two nodes from refreshing one tenant at once.</summary>
    private sealed class NodeLock(System.Data.Common.DbConnection? connection, long key) : IAsyncDisposable
    {
        public static async Task<NodeLock> TakeAsync(Database db, string tenantId, CancellationToken ct)
        {
            if (db.Kind != StoreKind.Postgres)
            {
                return new NodeLock(null, 0);
            }
            var connection = await db.OpenConnectionAsync(ct);
            var key = await connection.ExecuteScalarAsync<long>("SELECT hashtextextended(@name, 0)", new { name = "tango:analytics:" + tenantId });
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key }, cancellationToken: ct));
            return new NodeLock(connection, key);
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key });
                await connection.DisposeAsync();
            }
        }
    }
}
