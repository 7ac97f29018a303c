using Dapper;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Programs;
using Tango.Domain.Tiers;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Events;

/// <summary>
/// A purchase: store the order, earn points and cashback by the program, move the tier up if it
/// qualifies. This is the hot path, so it reads in one round trip (member lock, duplicate check, tier
/// window) and writes in one (event, ledger lines, lot, order, balances).
/// </summary>
internal static class Purchases
{
    public static async Task<StoredResponse> WriteAsync(WriteScope scope, EventCommand command, PurchaseCommand purchase,
        ProgramVersion program, string eventId, TimeProvider clock, IdempotencyKey? key)
    {
        var reads = await ReadAsync(scope, command, purchase, program.Document, key);
        if (key?.Answer(reads.Key) is { } earlier)
        {
            return earlier;
        }
        var batch = new SqlBatch();
        var response = Plan(batch, scope.Db, command, purchase, program, eventId, clock.GetUtcNow(), reads);
        if (key is not null)
        {
            batch.Add(IdempotencyKey.InsertSql, key.InsertArgs(response));
        }
        await batch.ExecuteAsync(scope);
        return response;
    }

    /// <summary>Decides the purchase's outcome and adds its writes to the batch (none when it is refused).</summary>
    private static StoredResponse Plan(SqlBatch batch, Database db, EventCommand command, PurchaseCommand purchase,
        ProgramVersion program, string eventId, DateTimeOffset now, Reads reads)
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
        if (EventWrites.Refuse(reads.Member, command, program) is { } refused)
        {
            return refused;
        }
        if (reads.Duplicate)
        {
            return Responses.Problem(409, "duplicate-order", "Duplicate order",
                $"Order '{purchase.OrderId}' was already recorded; send a refund to change it.");
        }
        var member = reads.Member;
        if (member is null)
        {
            batch.Add(MemberSql.EnrolSql, MemberSql.EnrolArgs(command.TenantId, command.MemberId, now));
            member = new MemberRow { TenantId = command.TenantId, MemberId = command.MemberId, CreatedAt = now, UpdatedAt = now };
        }

        var tierBefore = member.TierId ?? TierQualification.For(doc, 0, 0, 0)?.Id;
        var tier = doc.Tiers?.FirstOrDefault(t => t.Id == tierBefore);
        var earning = Earning.Calculate(doc, purchase.Purchase, tier?.Multiplier ?? 1m, tier?.Name);
        var totalMinor = Currency.ToMinor(purchase.Purchase.Total, currency);
        var tierAfter = Tiering.Qualify(doc, tierBefore, reads.Window.With(totalMinor, earning.Points));

        batch.Add(EventWrites.InsertEventSql, EventWrites.EventArgs(command, eventId, now));
        AddLedgerWrites(batch, db, command, purchase, member, program, eventId, earning);
        batch.Add(
            """
            INSERT INTO orders (tenant_id, order_id, member_id, event_id, occurred_at, currency, total_minor, points_earned, wallet_earned, program_version)
            VALUES (@tenantId, @orderId, @memberId, @eventId, @at, @currency, @totalMinor, @points, @wallet, @version)
            """,
            new Dictionary<string, object?>
            {
                ["tenantId"] = command.TenantId,
                ["orderId"] = purchase.OrderId,
                ["memberId"] = member.MemberId,
                ["eventId"] = eventId,
                ["at"] = command.OccurredAt,
                ["currency"] = currency,
                ["totalMinor"] = totalMinor,
                ["points"] = earning.Points,
                ["wallet"] = earning.WalletMinor,
                ["version"] = program.Version,
            });
        batch.Add(
            """
            UPDATE members SET points_balance = points_balance + @points, wallet_minor = wallet_minor + @wallet, tier_id = @tier, updated_at = @now
            WHERE tenant_id = @tenantId AND member_id = @memberId
            """,
            new Dictionary<string, object?>
            {
                ["points"] = earning.Points,
                ["wallet"] = earning.WalletMinor,
                ["tier"] = tierAfter,
                ["now"] = now,
                ["tenantId"] = command.TenantId,
                ["memberId"] = member.MemberId,
            });

        return Responses.Json(200, new PointsOutcome(
            eventId, earning.Points, checked(member.PointsBalance + earning.Points), new TierChange(tierBefore, tierAfter),
            Currency.FromMinor(earning.WalletMinor, currency), Currency.FromMinor(member.WalletMinor + earning.WalletMinor, currency),
            [], [], earning.Components.Select(c => new EarnedLine(c.RuleId, c.Points, c.Reason)).ToList(), program.Version));
    }

    private sealed record Reads(KeyRecord? Key, MemberRow? Member, bool Duplicate, WindowTotals Window);

    /// <summary>Everything the purchase needs, in one round trip: the key's record, the member (locked), the order, the tier window.</summary>
    private static async Task<Reads> ReadAsync(WriteScope scope, EventCommand command, PurchaseCommand purchase, ProgramDocument doc,
        IdempotencyKey? key)
    {
        var hasTiers = doc.Tiers is { Count: > 0 };
        var sql = $"""
            SELECT {MemberSql.Columns} FROM members WHERE tenant_id = @tenantId AND member_id = @memberId{scope.Db.ForUpdate};
            SELECT count(*) FROM orders WHERE tenant_id = @tenantId AND order_id = @orderId;
            {(hasTiers ? Tiering.WindowSql : "")}
            {(key is null ? "" : IdempotencyKey.SelectSql + ";")}
            """;
        var args = new DynamicParameters(new
        {
            tenantId = command.TenantId,
            memberId = command.MemberId,
            orderId = purchase.OrderId,
            since = command.OccurredAt.AddMonths(-(doc.TierPolicy?.WindowMonths ?? 12)),
            at = command.OccurredAt,
        });
        if (key is not null)
        {
            args.AddDynamicParams(key.SelectArgs);
        }
        await using var reads = await scope.Connection.QueryMultipleAsync(sql, args, scope.Transaction);
        var member = await reads.ReadSingleOrDefaultAsync<MemberRow>();
        var duplicate = await reads.ReadSingleAsync<long>() > 0;
        var window = hasTiers ? await reads.ReadSingleAsync<WindowTotals>() : new WindowTotals();
        var found = key is null ? null : await reads.ReadSingleOrDefaultAsync<KeyRecord>();
        return new Reads(found, member, duplicate, window);
    }

    private static void AddLedgerWrites(SqlBatch batch, Database db, EventCommand command, PurchaseCommand purchase,
        MemberRow member, ProgramVersion program, string eventId, EarningResult earning)
    {
        var at = command.OccurredAt;
        var expiresAt = Expiry.ExpiresAt(program.Document, at);
        foreach (var component in earning.Components.Where(c => c.Points != 0))
        {
            batch.Add(LedgerWriter.InsertSql, LedgerWriter.Args(command.TenantId, new LedgerLine
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
            }));
        }
        if (earning.Points > 0)
        {
            // The lot takes the id of the ledger line inserted just before it.
            batch.Add(
                $"""
                INSERT INTO point_lots (tenant_id, member_id, lot_id, order_id, points, remaining, expires_at)
                VALUES (@tenantId, @memberId, {db.LastInsertedId}, @orderId, @points, @remaining, @expiresAt)
                """,
                new Dictionary<string, object?>
                {
                    ["tenantId"] = command.TenantId,
                    ["memberId"] = member.MemberId,
                    ["orderId"] = purchase.OrderId,
                    ["points"] = earning.Points,
                    ["remaining"] = LedgerWriter.LotRemaining(earning.Points, member.PointsBalance),
                    ["expiresAt"] = expiresAt,
                });
        }
        if (earning.WalletMinor > 0)
        {
            batch.Add(LedgerWriter.InsertSql, LedgerWriter.Args(command.TenantId, new LedgerLine
            {
                MemberId = member.MemberId,
                At = at,
                Account = "wallet",
                Amount = earning.WalletMinor,
                Kind = LineKinds.Cashback,
                Reason = $"cashback: {program.Document.Cashback?.Percent}% of {purchase.Purchase.Total} {program.Document.Currency}",
                ProgramVersion = program.Version,
                EventId = eventId,
                OrderId = purchase.OrderId,
            }));
        }
    }
}

internal static class Money
{
    /// <summary>True when the amount has no more decimals than the currency's minor unit.</summary>
    public static bool Fits(decimal amount, string currency) =>
        Currency.FromMinor(Currency.ToMinor(amount, currency), currency) == amount;
}
