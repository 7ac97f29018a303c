using Dapper;
using Tango.Domain.Tiers;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;

namespace Tango.Store.Tiers;

public sealed record TierReviewReport(int Tenants, int Reviewed, int Changed);

/// <summary>
/// The tier review: walks every tenant's members in pages through the write queue, moves them down once the
/// grace after they stopped qualifying is over (and up when a new tier table qualifies them), and writes each
/// change with its reason to tier_changes. A changed tier table is therefore applied at the next review,
/// and the history stays. It also records moves up that purchases made, which write no history themselves.
/// Safe on many nodes: each page locks its members (in id order, as purchases do) and decides inside the lock.
/// </summary>
public sealed class TierReviews(Database db, WriteQueue writes, ProgramStore programs, TimeProvider clock)
{
    private const int PageSize = 500;

    /// <param name="tenantId">One tenant, or null for all of them.</param>
    public async Task<TierReviewReport> RunAsync(string? tenantId = null, CancellationToken ct = default)
    {
        IReadOnlyList<string> tenants;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            tenants = tenantId is not null ? [tenantId]
                : (await connection.QueryAsync<string>("SELECT tenant_id FROM tenants ORDER BY tenant_id")).ToList();
        }
        int reviewed = 0, changed = 0;
        foreach (var tenant in tenants)
        {
            var after = "";
            while (!ct.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                var page = await RetryAsync(() => writes.RunAsync(scope => ReviewPageAsync(scope, tenant, after, now)));
                reviewed += page.Reviewed;
                changed += page.Changed;
                if (page.Last is null)
                {
                    break;
                }
                after = page.Last;
            }
        }
        return new TierReviewReport(tenants.Count, reviewed, changed);
    }

    private sealed record Page(int Reviewed, int Changed, string? Last);

    private async Task<Page> ReviewPageAsync(WriteScope scope, string tenantId, string after, DateTimeOffset now)
    {
        var program = await programs.CurrentAsync(scope, tenantId);
        var doc = program.Document;
        var ladder = new TierLadder(doc);
        // Without tiers only members still holding an old tier have anything to review.
        var members = (await scope.Connection.QueryAsync<(string MemberId, string? TierId)>(
            $"""
            SELECT member_id, tier_id FROM members
            WHERE tenant_id = @tenantId AND member_id > @after AND erased_at IS NULL {(ladder.Any ? "" : "AND tier_id IS NOT NULL")}
            ORDER BY member_id LIMIT {PageSize}{scope.Db.ForUpdate}
            """, new { tenantId, after }, scope.Transaction)).ToList();
        if (members.Count == 0)
        {
            return new Page(0, 0, null);
        }
        var (first, last) = (members[0].MemberId, members[^1].MemberId);
        var since = now.AddMonths(-(ladder.WindowMonths + ladder.GraceMonths + 1));
        var orders = await TierSql.OrdersAsync(scope.Connection, scope.Transaction, tenantId, first, last, doc.Currency, since);
        var latest = await TierSql.LatestAsync(scope.Connection, scope.Transaction, tenantId, first, last);
        var changed = 0;
        foreach (var (memberId, tierId) in members)
        {
            var history = orders.GetValueOrDefault(memberId) ?? [];
            var decision = TierReview.Decide(doc, tierId, history, now);
            if (decision.Changed)
            {
                await scope.Connection.ExecuteAsync(
                    "UPDATE members SET tier_id = @After, updated_at = @now WHERE tenant_id = @tenantId AND member_id = @memberId",
                    new { decision.After, now, tenantId, memberId }, scope.Transaction);
                await TierSql.InsertAsync(scope, tenantId, memberId,
                    new TierChange(Ids.New("tch", clock), now, tierId, decision.After, decision.Reason, TierSql.ReviewSource, program.Version), now);
                changed++;
            }
            else if (Unrecorded(ladder, tierId, latest.GetValueOrDefault(memberId)) is { } from)
            {
                await RecordPurchaseMoveAsync(scope, tenantId, memberId, ladder, tierId!, from, history, program, now);
            }
        }
        return new Page(members.Count, changed, last);
    }

    /// <summary>
    /// The tier the history last recorded, when the member now holds a different one a purchase moved them to;
    /// null when the history agrees (a member never placed counts as in the starting tier).
    /// </summary>
    private static string? Unrecorded(TierLadder ladder, string? tierId, TierChange? latest)
    {
        var recorded = ladder.Effective(latest?.To)?.Id ?? latest?.To;
        var held = ladder.Effective(tierId)?.Id ?? tierId;
        return tierId is not null && held != recorded ? recorded ?? "" : null;
    }

    private Task RecordPurchaseMoveAsync(WriteScope scope, string tenantId, string memberId, TierLadder ladder, string tierId, string from,
        List<TierOrder> history, ProgramVersion program, DateTimeOffset now)
    {
        var tier = ladder.Find(tierId);
        var at = tier is null ? null : TierWindow.ReachedAt(history, ladder.Metric, ladder.Threshold(tier), ladder.WindowMonths, now);
        var change = new TierChange(Ids.New("tch", clock), at ?? now, from.Length == 0 ? null : from, tierId,
            $"moved up to {tier?.Name ?? tierId} by a purchase", TierSql.PurchaseSource, program.Version);
        return TierSql.InsertAsync(scope, tenantId, memberId, change, now);
    }

    /// <summary>A deadlock or serialization failure rolls the page back; the page is sound, so it runs again.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> run)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await run();
            }
            catch (Exception ex) when (attempt < 4 && Database.IsTransient(ex))
            {
            }
        }
    }
}
