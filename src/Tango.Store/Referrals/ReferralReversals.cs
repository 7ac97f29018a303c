using Dapper;
using Tango.Domain.Referrals;
using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Referrals;

/// <summary>
/// The store's side of a referral reversal that <see cref="Tango.Domain.Purchases.RefundDecision"/> decided: a refund
/// of the friend's qualifying purchase within the refund window, leaving less of the order than the minimum that
/// qualified it, takes both referral rewards back: debit lines for the friend and the referrer (their lots first, a
/// debt if the points were spent). The referral's status moves from qualified to reversed with a guarded UPDATE, so a
/// reversal happens once however many refunds follow.
/// </summary>
internal static class ReferralReversals
{
    /// <summary>The friend's referral paid on <paramref name="orderId"/> and not reversed yet, for the refund decision.</summary>
    public static async Task<PaidReferral?> PaidOnAsync(WriteScope scope, string tenantId, string friendId, string orderId)
    {
        var paid = await scope.Connection.QuerySingleOrDefaultAsync<PaidRow>(
            """
            SELECT referrer_id, purchase_at, min_first_minor, refund_window_days, referrer_points, friend_points FROM referrals
            WHERE tenant_id = @tenantId AND friend_id = @friendId AND order_id = @orderId AND status = 'qualified'
            """, new { tenantId, friendId, orderId }, scope.Transaction);
        return paid is null
            ? null
            : new PaidReferral(orderId, paid.PurchaseAt, paid.ReferrerId, paid.FriendPoints, paid.ReferrerPoints, paid.MinFirstMinor,
                paid.RefundWindowDays);
    }

    public static async Task<(ReferralOutcome? Outcome, BonusReward? Debit)> ReverseAsync(WriteScope scope, EventCommand command,
        MemberRow friend, PaidReferral paid, ProgramVersion program, string eventId, DateTimeOffset now)
    {
        var tenantId = command.TenantId;
        var reversed = await scope.Connection.ExecuteAsync(
            """
            UPDATE referrals SET status = 'reversed', reversed_at = @now, reversal_event_id = @eventId
            WHERE tenant_id = @tenantId AND friend_id = @friendId AND status = 'qualified'
            """, new { tenantId, friendId = friend.MemberId, now, eventId }, scope.Transaction);
        if (reversed != 1)
        {
            return (null, null);
        }
        var orderId = paid.OrderId;
        var detail = $"order {orderId} was refunded within {paid.WindowDays} days of qualifying the referral";
        var friendReason = $"referral reversed: {detail}";
        if (paid.FriendPoints > 0)
        {
            await DebitAsync(scope, tenantId, friend.MemberId, paid.FriendPoints, friendReason, command, orderId, program, eventId);
        }
        if (paid.ReferrerPoints > 0 && await MemberSql.LockAsync(scope, tenantId, paid.ReferrerId) is not null)
        {
            await DebitAsync(scope, tenantId, paid.ReferrerId, paid.ReferrerPoints, $"referral reversed: {friend.MemberId}'s {detail}",
                command, orderId, program, eventId);
        }
        var outcome = new ReferralOutcome(ReferralNames.Reversed, "friend", paid.ReferrerId, friend.MemberId, null, detail,
            paid.ReferrerPoints, paid.FriendPoints);
        return (outcome, paid.FriendPoints > 0 ? new BonusReward("referral", "friend", -paid.FriendPoints, null, friendReason) : null);
    }

    private static async Task DebitAsync(WriteScope scope, string tenantId, string memberId, long points, string reason, EventCommand command,
        string orderId, ProgramVersion program, string eventId)
    {
        await LedgerWriter.ConsumeLotsAsync(scope, tenantId, memberId, points);
        await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = memberId,
            At = command.OccurredAt,
            Account = "points",
            Amount = -points,
            Kind = ReferralNames.ReversalKind,
            Reason = reason,
            RuleId = ReferralNames.RuleId,
            ProgramVersion = program.Version,
            EventId = eventId,
            OrderId = orderId,
        });
    }

    private sealed class PaidRow
    {
        public string ReferrerId { get; init; } = "";
        public DateTimeOffset PurchaseAt { get; init; }
        public long MinFirstMinor { get; init; }
        public int RefundWindowDays { get; init; }
        public long ReferrerPoints { get; init; }
        public long FriendPoints { get; init; }
    }
}
