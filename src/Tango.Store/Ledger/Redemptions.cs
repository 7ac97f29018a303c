using System.Security.Cryptography;
using Dapper;
using Tango.Domain.Rewards;
using Tango.Store.Coupons;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Members;
using Tango.Store.Programs;
using Tango.Store.Rewards;

namespace Tango.Store.Ledger;

public sealed record RedemptionRequest(string? RewardId, long? Points);

public sealed record Redemption(string RedemptionId, string MemberId, string? RewardId, long PointsSpent, string? Coupon,
    string Status, long Balance);

/// <summary>
/// Spending points. The member row is locked before the balance is read, so concurrent redemptions
/// queue on it and can never overdraw; reward stock moves with a guarded UPDATE for the same reason.
/// A reward is taken by the catalog's rules (<see cref="RewardRules"/>), the same the catalog shows.
/// </summary>
public sealed class Redemptions(ProgramStore programs, TimeProvider clock)
{
    public async Task<StoredResponse> RedeemAsync(WriteScope scope, string tenantId, string memberId, RedemptionRequest request)
    {
        var member = await MemberSql.LockAsync(scope, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return Responses.NotFound($"Member '{memberId}'");
        }
        var program = await programs.CurrentAsync(scope, tenantId);
        var now = clock.GetUtcNow();
        // Points still in their return window (`pendingDays`) count in the balance but may not be spent yet.
        var pending = await LedgerWriter.PendingAsync(scope.Connection, scope.Transaction, tenantId, memberId, now);
        var spendable = member.PointsBalance - pending;
        long cost;
        string? coupon = null;
        if (request.RewardId is { } rewardId)
        {
            var reward = program.Document.Rewards?.FirstOrDefault(r => r.Id == rewardId);
            if (reward is null)
            {
                return Responses.Problem(404, "reward-not-found", "Reward not found", $"There is no reward '{rewardId}'.",
                    new Dictionary<string, string[]> { ["rewardId"] = ["No such reward in the program."] });
            }
            // The catalog's rules (member-only, tier, validity, early access); stock and points are checked below.
            var today = RewardRules.Today(program.Document, now);
            var availability = RewardRules.Check(reward, new RewardViewer(member.TierId, member.Segment, null), today, null);
            if (availability.Reasons.FirstOrDefault() is { } refusal)
            {
                return Responses.Problem(409, refusal.Code, Titles.GetValueOrDefault(refusal.Code, "Reward not available"), refusal.Message);
            }
            cost = reward.CostPoints;
            if (spendable < cost)
            {
                return Insufficient(member.PointsBalance, pending, cost);
            }
            if (reward.Stock is { } stock && !await RewardStock.TakeAsync(scope, tenantId, rewardId, stock))
            {
                return Responses.Problem(409, "out-of-stock", "Out of stock", $"Reward '{rewardId}' is out of stock.");
            }
            coupon = reward.Kind == "coupon" ? NewCouponCode() : null;
        }
        else
        {
            cost = request.Points!.Value;
            if (spendable < cost)
            {
                return Insufficient(member.PointsBalance, pending, cost);
            }
        }

        var redemptionId = Ids.New("rdm", clock);
        var taken = await LedgerWriter.ConsumeLotsAsync(scope, tenantId, memberId, cost, spendableAt: now);
        foreach (var (lotId, points) in taken)
        {
            await scope.Connection.ExecuteAsync(
                """
                INSERT INTO redemption_lots (tenant_id, redemption_id, member_id, lot_id, points)
                VALUES (@tenantId, @redemptionId, @memberId, @lotId, @points)
                """, new { tenantId, redemptionId, memberId, lotId, points }, scope.Transaction);
        }
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO redemptions (tenant_id, redemption_id, member_id, reward_id, points, coupon_code, status, created_at)
            VALUES (@tenantId, @redemptionId, @memberId, @rewardId, @cost, @coupon, 'active', @now)
            """, new { tenantId, redemptionId, memberId, rewardId = request.RewardId, cost, coupon, now }, scope.Transaction);
        if (coupon is not null)
        {
            // The code works at the checkout like any coupon: single use, for this member, the reward's discount.
            var reward = program.Document.Rewards!.First(r => r.Id == request.RewardId);
            await CouponBatches.IssueForRewardAsync(scope, tenantId, memberId, redemptionId, coupon, reward, program.Document.Currency, now);
        }
        await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = memberId,
            At = now,
            Account = "points",
            Amount = -cost,
            Kind = LineKinds.Redeem,
            Reason = request.RewardId is null ? $"redeemed {cost} points" : $"redeemed for reward {request.RewardId}",
            ProgramVersion = program.Version,
            RedemptionId = redemptionId,
        });
        var redemption = new Redemption(redemptionId, memberId, request.RewardId, cost, coupon, "active", member.PointsBalance - cost);
        await WebhookNotifications.NotifyAsync(scope, tenantId, "points.redeemed", redemption, now);
        if (request.RewardId is not null)
        {
            await WebhookNotifications.NotifyAsync(scope, tenantId, "reward.redeemed", redemption, now);
        }
        return Responses.Json(201, redemption);
    }

    public async Task<StoredResponse> CancelAsync(WriteScope scope, string tenantId, string redemptionId)
    {
        var redemption = await scope.Connection.QuerySingleOrDefaultAsync<RedemptionRow>(
            $"""
            SELECT member_id, reward_id, points, coupon_code, status FROM redemptions
            WHERE tenant_id = @tenantId AND redemption_id = @redemptionId{scope.Db.ForUpdate}
            """, new { tenantId, redemptionId }, scope.Transaction);
        if (redemption is null)
        {
            return Responses.NotFound($"Redemption '{redemptionId}'");
        }
        var member = await MemberSql.LockAsync(scope, tenantId, redemption.MemberId);
        if (redemption.Status != "active")
        {
            return Responses.Problem(409, "already-cancelled", "Already cancelled", $"Redemption '{redemptionId}' was already cancelled.");
        }
        if (redemption.CouponCode is not null && !await CouponBatches.VoidForRedemptionAsync(scope, tenantId, redemptionId))
        {
            return Responses.Problem(409, "coupon-used", "Coupon already used",
                $"The coupon {redemption.CouponCode} of redemption '{redemptionId}' was already used at a checkout.");
        }
        var now = clock.GetUtcNow();
        // Points go back to the lots they came from, keeping their original expiry; while the member
        // owes points (a later refund), the returned points settle that first.
        var restorable = Math.Max(0, Math.Min(redemption.Points, member!.PointsBalance + redemption.Points));
        var lots = await scope.Connection.QueryAsync<LotShare>(
            "SELECT lot_id, points FROM redemption_lots WHERE tenant_id = @tenantId AND redemption_id = @redemptionId ORDER BY lot_id DESC",
            new { tenantId, redemptionId }, scope.Transaction);
        foreach (var lot in lots)
        {
            var back = Math.Min(lot.Points, restorable);
            if (back > 0)
            {
                await LedgerWriter.RestoreLotAsync(scope, tenantId, redemption.MemberId, lot.LotId, back);
                restorable -= back;
            }
        }
        await scope.Connection.ExecuteAsync(
            "UPDATE redemptions SET status = 'cancelled', cancelled_at = @now WHERE tenant_id = @tenantId AND redemption_id = @redemptionId",
            new { tenantId, redemptionId, now }, scope.Transaction);
        if (redemption.RewardId is not null)
        {
            await scope.Connection.ExecuteAsync(
                "UPDATE reward_stock SET taken = taken - 1 WHERE tenant_id = @tenantId AND reward_id = @RewardId AND taken > 0",
                new { tenantId, redemption.RewardId }, scope.Transaction);
        }
        await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = redemption.MemberId,
            At = now,
            Account = "points",
            Amount = redemption.Points,
            Kind = LineKinds.RedeemCancel,
            Reason = $"redemption {redemptionId} cancelled",
            RedemptionId = redemptionId,
        });
        return Responses.Json(200, new Redemption(redemptionId, redemption.MemberId, redemption.RewardId, redemption.Points,
            redemption.CouponCode, "cancelled", member.PointsBalance + redemption.Points));
    }

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [RewardRefusals.TierRequired] = "Tier required",
        [RewardRefusals.MembersOnly] = "Members only",
        [RewardRefusals.NotYetOpen] = "Not open yet",
        [RewardRefusals.Expired] = "Reward expired",
    };

    private static StoredResponse Insufficient(long balance, long pending, long cost) =>
        Responses.Problem(409, "insufficient-points", "Insufficient points", pending > 0
            ? $"The member has {balance} points, {pending} of them pending until their return window ends; {cost} are needed."
            : $"The member has {balance} points; {cost} are needed.");

    /// <summary>Ten characters of an unambiguous alphabet: about 50 bits, unguessable in practice.</summary>
    internal static string NewCouponCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        var text = new string(code);
        return $"TG-{text[..5]}-{text[5..]}";
    }

    private sealed class RedemptionRow
    {
        public string MemberId { get; init; } = "";
        public string? RewardId { get; init; }
        public long Points { get; init; }
        public string? CouponCode { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed class LotShare
    {
        public long LotId { get; init; }
        public long Points { get; init; }
    }
}
