using System.Data.Common;
using Tango.Domain.Tiers;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Tiers;

/// <summary>Progress to the next tier; in the top tier (or a program without tiers) `nextTier` is null and `needed` 0.</summary>
public sealed record TierProgressView(string? NextTier, string Metric, decimal Current, decimal Needed, DateTimeOffset? By, string Text);

/// <summary>What holds the tier on: this much more of the metric, bought before `by`.</summary>
public sealed record TierKeepView(decimal Needed, DateTimeOffset? By, string Text);

/// <summary>
/// `GET /v1/members/{id}/tier`: the tier, since when, until when it holds without buying again (or, when that has passed,
/// <see cref="InGrace"/> and until when the grace keeps it), what keeps it (`toKeep`, null for a tier that asks for
/// nothing) and what the next one takes (`progress`, always an object).
/// </summary>
public sealed record TierView(
    string MemberId,
    string? Tier,
    string? Name,
    DateTimeOffset? Since,
    DateTimeOffset? QualifiedUntil,
    DateTimeOffset? GraceUntil,
    string Metric,
    decimal Current,
    TierProgressView Progress,
    bool InGrace,
    TierKeepView? ToKeep);

public sealed class TierQueries(Database db, ProgramStore programs, TimeProvider clock)
{
    /// <returns>Null when the member does not exist (or was erased).</returns>
    public async Task<TierView?> StandingAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await StandingAsync(connection, tenantId, memberId);
    }

    /// <summary>The same on a connection the caller holds (a job that reads many members' standings).</summary>
    public async Task<TierView?> StandingAsync(DbConnection connection, string tenantId, string memberId)
    {
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return null;
        }
        var program = (await programs.CurrentAsync(connection, null, tenantId)).Document;
        var now = clock.GetUtcNow();
        var orders = await TierSql.OrdersAsync(connection, null, tenantId, memberId, program.Currency, DateTimeOffset.UnixEpoch);
        var standing = TierStandings.Of(program, member.TierId, orders, now);
        var ladder = new TierLadder(program);
        DateTimeOffset? since = null;
        if (standing.Tier is { } tier)
        {
            var latest = (await TierSql.HistoryAsync(connection, tenantId, memberId, 1, null)).FirstOrDefault();
            // Purchases record their moves; a store from before they did, or a changed tier table, may hold a tier the
            // history does not show yet (the review records it), so the history answers only when it agrees with the
            // tier held; else the orders say when it was reached.
            since = latest is not null && latest.To == tier.Id ? latest.At
                : TierWindow.ReachedAt(orders, ladder.Metric, ladder.Threshold(tier), ladder.WindowMonths, now)
                  ?? (orders.Count > 0 ? orders[0].At : member.CreatedAt);
        }
        var progress = standing.Progress is { } p
            ? new TierProgressView(p.NextTier, p.Metric, p.Current, p.Needed, p.By, p.Text)
            : new TierProgressView(null, ladder.Metric, standing.Current, 0, null, ladder.Any ? "the top tier" : "the program has no tiers");
        var keep = standing.Keep is { } k ? new TierKeepView(k.Needed, k.By, k.Text) : null;
        return new TierView(memberId, standing.Tier?.Id, standing.Tier?.Name, since, standing.QualifiedUntil, standing.GraceUntil,
            ladder.Metric, standing.Current, progress, standing.InGrace, keep);
    }

    /// <summary>The member's recorded tier changes, newest first; null when the member does not exist.</summary>
    public async Task<(IReadOnlyList<TierChange> Items, (DateTimeOffset, string)? Next)?> HistoryAsync(string tenantId, string memberId, int limit,
        (DateTimeOffset At, string ChangeId)? before, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return null;
        }
        var rows = await TierSql.HistoryAsync(connection, tenantId, memberId, limit + 1, before);
        var items = rows.Take(limit).ToList();
        return (items, rows.Count > limit ? (items[^1].At, items[^1].ChangeId) : null);
    }
}
