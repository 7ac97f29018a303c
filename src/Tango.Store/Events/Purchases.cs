using Dapper;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Tiers;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Events;

/// <summary>A purchase: store the order, earn points and cashback by the program, move the tier up if it qualifies.</summary>
internal static class Purchases
{
    public static async Task<StoredResponse> WriteAsync(WriteScope scope, EventCommand command, PurchaseCommand purchase,
        MemberRow member, ProgramVersion program, string eventId, TimeProvider clock)
    {
        var doc = program.Document;
        var currency = doc.Currency;
        if (purchase.Currency is { } sent && !string.Equals(sent, currency, StringComparison.OrdinalIgnoreCase))
        {
            return Responses.Invalid("data.currency", $"The program's currency is {currency}; this purchase is in {sent}.");
        }
        if (!Money.Fits(purchase.Purchase.Total, currency))
        {
            return Responses.Invalid("data.total", $"The total has more decimals than {currency} allows.");
        }
        var args = new { command.TenantId, purchase.OrderId };
        if (await scope.Connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM orders WHERE tenant_id = @TenantId AND order_id = @OrderId", args, scope.Transaction) > 0)
        {
            return Responses.Problem(409, "duplicate-order", "Duplicate order",
                $"Order '{purchase.OrderId}' was already recorded; send a refund to change it.");
        }

        var tierBefore = member.TierId ?? TierQualification.For(doc, 0, 0, 0)?.Id;
        var tier = doc.Tiers?.FirstOrDefault(t => t.Id == tierBefore);
        var earning = Earning.Calculate(doc, purchase.Purchase, tier?.Multiplier ?? 1m, tier?.Name);
        var now = clock.GetUtcNow();
        var at = command.OccurredAt;
        await EventWrites.InsertEventAsync(scope, command, eventId, now);

        var expiresAt = Expiry.ExpiresAt(doc, at);
        long? lotId = null;
        foreach (var component in earning.Components.Where(c => c.Points != 0))
        {
            var lineId = await LedgerWriter.AppendAsync(scope, command.TenantId, new LedgerLine
            {
                MemberId = member.MemberId,
                At = at,
                Account = "points",
                Amount = component.Points,
                Kind = LineKinds.Earn,
                Reason = component.Reason,
                RuleId = component.RuleId,
                ProgramVersion = program.Version,
                EventId = eventId,
                OrderId = purchase.OrderId,
                ExpiresAt = expiresAt,
            });
            lotId ??= lineId;
        }
        if (lotId is { } lot && earning.Points > 0)
        {
            await LedgerWriter.AddLotAsync(scope, command.TenantId, member.MemberId, lot, purchase.OrderId, earning.Points, member.PointsBalance, expiresAt);
        }
        if (earning.WalletMinor > 0)
        {
            await LedgerWriter.AppendAsync(scope, command.TenantId, new LedgerLine
            {
                MemberId = member.MemberId,
                At = at,
                Account = "wallet",
                Amount = earning.WalletMinor,
                Kind = LineKinds.Cashback,
                Reason = $"cashback: {doc.Cashback?.Percent}% of {purchase.Purchase.Total} {currency}",
                ProgramVersion = program.Version,
                EventId = eventId,
                OrderId = purchase.OrderId,
            });
        }
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO orders (tenant_id, order_id, member_id, event_id, occurred_at, currency, total_minor, points_earned, wallet_earned, program_version)
            VALUES (@TenantId, @OrderId, @MemberId, @eventId, @at, @currency, @totalMinor, @points, @wallet, @version)
            """,
            new
            {
                command.TenantId,
                purchase.OrderId,
                member.MemberId,
                eventId,
                at,
                currency,
                totalMinor = Currency.ToMinor(purchase.Purchase.Total, currency),
                points = earning.Points,
                wallet = earning.WalletMinor,
                version = program.Version,
            }, scope.Transaction);

        var tierAfter = await Tiering.QualifyAsync(scope, command.TenantId, member.MemberId, doc, tierBefore, at);
        if (tierAfter != member.TierId)
        {
            await scope.Connection.ExecuteAsync(
                "UPDATE members SET tier_id = @tierAfter WHERE tenant_id = @TenantId AND member_id = @MemberId",
                new { tierAfter, command.TenantId, member.MemberId }, scope.Transaction);
        }

        return Responses.Json(200, new PointsOutcome(
            eventId, earning.Points, checked(member.PointsBalance + earning.Points), new TierChange(tierBefore, tierAfter),
            Currency.FromMinor(earning.WalletMinor, currency), Currency.FromMinor(member.WalletMinor + earning.WalletMinor, currency),
            [], [], earning.Components.Select(c => new EarnedLine(c.RuleId, c.Points, c.Reason)).ToList(), program.Version));
    }
}

internal static class Money
{
    /// <summary>True when the amount has no more decimals than the currency's minor unit.</summary>
    public static bool Fits(decimal amount, string currency) =>
        Currency.FromMinor(Currency.ToMinor(amount, currency), currency) == amount;
}
