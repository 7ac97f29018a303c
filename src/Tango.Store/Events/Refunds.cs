using Dapper;
using Tango.Domain.Money;
using Tango.Domain.Purchases;
using Tango.Domain.Tiers;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

/// <summary>
/// A refund claws back the points and cashback of the refunded share of its order. The share is
/// computed on the running total refunded, so two half refunds take back exactly what one full refund
/// would, and an order can never give back more than it earned. An early refund of a referred friend's
/// qualifying order also reverses both referral rewards. <see cref="RefundDecision"/> decides all of it, as it does
/// in the simulation; this writes what it decided.
/// </summary>
internal static class Refunds
{
    public static async Task<StoredResponse> WriteAsync(WriteScope scope, EventCommand command, RefundCommand refund,
        MemberRow member, ProgramVersion program, string eventId, TimeProvider clock)
    {
        var order = await scope.Connection.QuerySingleOrDefaultAsync<OrderRow>(
            $"""
            SELECT member_id, currency, total_minor, refunded_minor, points_earned, points_clawed, wallet_earned, wallet_clawed
            FROM orders WHERE tenant_id = @TenantId AND order_id = @OrderId{scope.Db.ForUpdate}
            """, new { command.TenantId, refund.OrderId }, scope.Transaction);
        if (order is null || order.MemberId != member.MemberId)
        {
            return Responses.Problem(404, "order-not-found", "Order not found",
                $"Member '{member.MemberId}' has no order '{refund.OrderId}'.",
                new Dictionary<string, string[]> { ["data.orderId"] = ["No such order for this member."] });
        }
        if (!Money.Fits(refund.Amount, order.Currency))
        {
            return Responses.Invalid("data.amount", $"The amount has more decimals than {order.Currency} allows.");
        }
        var refundId = refund.RefundId ?? eventId;
        if (refund.RefundId is not null && await scope.Connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM refunds WHERE tenant_id = @TenantId AND order_id = @OrderId AND refund_id = @refundId",
                new { command.TenantId, refund.OrderId, refundId }, scope.Transaction) > 0)
        {
            return Responses.Problem(409, "duplicate-refund", "Duplicate refund", $"Refund '{refundId}' of order '{refund.OrderId}' was already recorded.");
        }
        var amountMinor = Currency.ToMinor(refund.Amount, order.Currency);
        var paid = await ReferralReversals.PaidOnAsync(scope, command.TenantId, member.MemberId, refund.OrderId);
        var decided = RefundDecision.Decide(order.Fact(refund.OrderId), amountMinor, command.OccurredAt, paid);
        if (!decided.Accepted)
        {
            var left = Currency.FromMinor(order.TotalMinor - order.RefundedMinor, order.Currency);
            return Responses.Problem(409, "refund-exceeds-order", "Refund exceeds the order",
                $"Only {left} {order.Currency} of order '{refund.OrderId}' is left to refund.",
                new Dictionary<string, string[]> { ["data.amount"] = [$"At most {left} can be refunded."] });
        }

        var (pointsBack, walletBack) = (decided.PointsBack, decided.WalletBackMinor);
        var now = clock.GetUtcNow();
        var at = command.OccurredAt;
        await EventWrites.InsertEventAsync(scope, command, eventId, now);
        var reason = $"refund of {refund.Amount} of {Currency.FromMinor(order.TotalMinor, order.Currency)} {order.Currency} on order {refund.OrderId}";
        LedgerLine ClawbackLine(string account, long amount) => new()
        {
            MemberId = member.MemberId,
            At = at,
            Account = account,
            Amount = -amount,
            Kind = LineKinds.Clawback,
            Reason = reason,
            ProgramVersion = program.Version,
            EventId = eventId,
            OrderId = refund.OrderId,
        };
        if (pointsBack > 0)
        {
            await LedgerWriter.ConsumeLotsAsync(scope, command.TenantId, member.MemberId, pointsBack, refund.OrderId);
            await LedgerWriter.AppendAsync(scope, command.TenantId, ClawbackLine("points", pointsBack));
        }
        if (walletBack > 0)
        {
            await LedgerWriter.AppendAsync(scope, command.TenantId, ClawbackLine("wallet", walletBack));
        }
        await scope.Connection.ExecuteAsync(
            """
            UPDATE orders SET refunded_minor = refunded_minor + @amountMinor, points_clawed = points_clawed + @pointsBack,
                              wallet_clawed = wallet_clawed + @walletBack
            WHERE tenant_id = @TenantId AND order_id = @OrderId
            """, new { command.TenantId, refund.OrderId, amountMinor, pointsBack, walletBack }, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO refunds (tenant_id, order_id, refund_id, member_id, event_id, amount_minor)
            VALUES (@TenantId, @OrderId, @refundId, @MemberId, @eventId, @amountMinor)
            """, new { command.TenantId, refund.OrderId, refundId, member.MemberId, eventId, amountMinor }, scope.Transaction);

        var (referral, debit) = decided.Reverses is { } reversal
            ? await ReferralReversals.ReverseAsync(scope, command, member, reversal, program, eventId, now)
            : (null, null);

        return Responses.Json(200, new PointsOutcome(
            eventId, -pointsBack, member.PointsBalance - pointsBack + (debit?.Points ?? 0), new TierChange(member.TierId, member.TierId),
            -Currency.FromMinor(walletBack, order.Currency), Currency.FromMinor(member.WalletMinor - walletBack, order.Currency),
            [], debit is null ? [] : [debit], [new EarnedLine(null, -pointsBack, reason)], program.Version, referral));
    }

    private sealed class OrderRow
    {
        public string MemberId { get; init; } = "";
        public string Currency { get; init; } = "";
        public long TotalMinor { get; init; }
        public long RefundedMinor { get; init; }
        public long PointsEarned { get; init; }
        public long PointsClawed { get; init; }
        public long WalletEarned { get; init; }
        public long WalletClawed { get; init; }

        public OrderFact Fact(string orderId) => new(orderId, default, TotalMinor, PointsEarned, WalletEarned)
        {
            RefundedMinor = RefundedMinor,
            PointsClawed = PointsClawed,
            WalletClawedMinor = WalletClawed,
        };
    }
}
