using Tango.Domain.Programs;
using Tango.Domain.Rewards;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Rewards;

public sealed record RewardOffer(
    string Id,
    string Name,
    string Kind,
    long CostPoints,
    bool Portable,
    decimal? DiscountAmount,
    decimal? DiscountPercent,
    int? Stock,
    long? StockLeft,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<string>? Tiers,
    RewardAudience? VisibleTo,
    int? EarlyAccessDays,
    bool Visible,
    bool MayTake,
    DateOnly? OpensOn,
    IReadOnlyList<RewardRefusal> Reasons);

/// <summary>The catalog as one member (or anyone, without a member) sees it today.</summary>
public sealed record RewardCatalogView(string? MemberId, string? Tier, string? Segment, long? Balance, DateOnly Today,
    IReadOnlyList<RewardOffer> Items, string? NextCursor = null);

/// <summary>
/// `GET /v1/rewards?memberId=`: every reward of the current program with whether this member may take it
/// now and why not, by the same rules redemption enforces (<see cref="RewardRules"/>).
/// </summary>
public sealed class RewardCatalog(Database db, ProgramStore programs, TimeProvider clock)
{
    /// <returns>Null when <paramref name="memberId"/> names no member.</returns>
    public async Task<RewardCatalogView?> ForAsync(string tenantId, string? memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var program = (await programs.CurrentAsync(connection, null, tenantId)).Document;
        var viewer = new RewardViewer(null, null, null);
        var now = clock.GetUtcNow();
        if (memberId is not null)
        {
            var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
            if (member is null || member.ErasedAt is not null)
            {
                return null;
            }
            // Points still in their return window count in the balance but cannot pay for a reward yet.
            var pending = await LedgerWriter.PendingAsync(connection, null, tenantId, memberId, now);
            viewer = new RewardViewer(member.TierId, member.Segment, member.PointsBalance - pending);
        }
        var taken = await RewardStock.TakenAsync(connection, null, tenantId);
        var today = RewardRules.Today(program, now);
        var items = (program.Rewards ?? []).Select(reward =>
        {
            long? left = reward.Stock is { } stock ? Math.Max(0, stock - taken.GetValueOrDefault(reward.Id)) : null;
            var availability = RewardRules.Check(reward, viewer, today, left);
            return new RewardOffer(reward.Id, reward.Name, reward.Kind, reward.CostPoints, reward.Portable, reward.DiscountAmount,
                reward.DiscountPercent, reward.Stock, left, reward.ValidFrom, reward.ValidTo, reward.Tiers, reward.VisibleTo,
                reward.EarlyAccessDays, availability.Visible, availability.MayTake, availability.OpensOn, availability.Reasons);
        }).ToList();
        return new RewardCatalogView(memberId, viewer.TierId, viewer.Segment, viewer.Balance, today, items);
    }
}
