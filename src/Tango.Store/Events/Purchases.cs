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
    /// <summary>
    /// Runs a run of purchases from one batch: one round trip reads what they all need, they are decided
    /// in order in memory (each sees the balances, orders and keys of the ones before it), and one round
    /// trip writes them all. Run one by one, they would give the same answers.
    /// </summary>
    public static async Task<IReadOnlyList<StoredResponse>> RunManyAsync(WriteScope scope, IReadOnlyList<PurchaseInput> inputs,
        ProgramStore programs, TimeProvider clock)
    {
        var plans = new List<(PurchaseInput Input, ProgramVersion Program, string EventId)>(inputs.Count);
        foreach (var input in inputs)
        {
            plans.Add((input, await programs.CurrentAsync(scope, input.Command.TenantId), Ids.New("evt", clock)));
        }
        var reads = await ReadManyAsync(scope, plans.Select(p => (p.Input, p.Program.Document)).ToList());

        var now = clock.GetUtcNow();
        var batch = new SqlBatch();
        var state = new BatchState();
        var answers = new List<StoredResponse>(inputs.Count);
        for (var i = 0; i < plans.Count; i++)
        {
            var (input, program, eventId) = plans[i];
            var windowMonths = program.Document.TierPolicy?.WindowMonths ?? 12;
            answers.Add(Decide(batch, scope.Db, input, program, eventId, now, state.Adjust(input, reads[i], windowMonths)));
        }
        await batch.ExecuteAsync(scope);
        return answers;

        StoredResponse Decide(SqlBatch batch, Database db, PurchaseInput input, ProgramVersion program, string eventId, DateTimeOffset now, Reads read)
        {
            if (input.Key?.Answer(read.Key) is { } earlier)
            {
                return earlier;
            }
            var command = input.Command;
            var (response, effect) = Plan(batch, db, command, command.Purchase!, program, eventId, now, read);
            state.Record(input, response, effect);
            if (input.Key is { } key)
            {
                batch.Add(IdempotencyKey.InsertSql, key.InsertArgs(response));
            }
            return response;
        }
    }

    /// <summary>What an accepted purchase changed: the member as it is after it, and the order's figures.</summary>
    internal sealed record Effect(MemberRow After, DateTimeOffset At, long TotalMinor, long Points);

    /// <summary>Decides the purchase's outcome and adds its writes to the batch (none when it is refused).</summary>
    private static (StoredResponse Response, Effect? Effect) Plan(SqlBatch batch, Database db, EventCommand command, PurchaseCommand purchase,
        ProgramVersion program, string eventId, DateTimeOffset now, Reads reads)
    {
        var doc = program.Document;
        var currency = doc.Currency;
        if (purchase.Currency is { } sent && !string.Equals(sent, currency, StringComparison.OrdinalIgnoreCase))
        {
            return (Responses.Invalid("data.currency", $"The program's currency is {currency}; this purchase is in {sent}."), null);
        }
        if (!Money.Fits(purchase.Purchase.Total, currency))
        {
            return (Responses.Invalid("data.total", $"The total has more decimals than {currency} allows."), null);
        }
        if (EventWrites.Refuse(reads.Member, command, program) is { } refused)
        {
            return (refused, null);
        }
        if (reads.Duplicate)
        {
            return (Responses.Problem(409, "duplicate-order", "Duplicate order",
                $"Order '{purchase.OrderId}' was already recorded; send a refund to change it."), null);
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

        var after = new MemberRow
        {
            TenantId = member.TenantId,
            MemberId = member.MemberId,
            TierId = tierAfter,
            ErasedAt = member.ErasedAt,
            PointsBalance = checked(member.PointsBalance + earning.Points),
            WalletMinor = checked(member.WalletMinor + earning.WalletMinor),
            CreatedAt = member.CreatedAt,
            UpdatedAt = now,
        };
        var response = Responses.Json(200, new PointsOutcome(
            eventId, earning.Points, after.PointsBalance, new TierChange(tierBefore, tierAfter),
            Currency.FromMinor(earning.WalletMinor, currency), Currency.FromMinor(after.WalletMinor, currency),
            [], [], earning.Components.Select(c => new EarnedLine(c.RuleId, c.Points, c.Reason)).ToList(), program.Version));
        return (response, new Effect(after, command.OccurredAt, totalMinor, earning.Points));
    }

    internal sealed record Reads(KeyRecord? Key, MemberRow? Member, bool Duplicate, WindowTotals Window);

    /// <summary>Everything each purchase needs, for all of them in one round trip: key record, member (locked), order, tier window.</summary>
    private static async Task<List<Reads>> ReadManyAsync(WriteScope scope, IReadOnlyList<(PurchaseInput Input, ProgramDocument Doc)> items)
    {
        var query = new SqlBatch();
        foreach (var (input, doc) in items)
        {
            var command = input.Command;
            var member = new Dictionary<string, object?> { ["tenantId"] = command.TenantId, ["memberId"] = command.MemberId };
            query.Add($"SELECT {MemberSql.Columns} FROM members WHERE tenant_id = @tenantId AND member_id = @memberId{scope.Db.ForUpdate}", member);
            query.Add("SELECT count(*) FROM orders WHERE tenant_id = @tenantId AND order_id = @orderId",
                new Dictionary<string, object?> { ["tenantId"] = command.TenantId, ["orderId"] = command.Purchase!.OrderId });
            if (doc.Tiers is { Count: > 0 })
            {
                query.Add(Tiering.WindowSql, new Dictionary<string, object?>(member)
                {
                    ["since"] = command.OccurredAt.AddMonths(-(doc.TierPolicy?.WindowMonths ?? 12)),
                    ["at"] = command.OccurredAt,
                });
            }
            if (input.Key is { } key)
            {
                query.Add(IdempotencyKey.SelectSql, new Dictionary<string, object?> { ["idemTenant"] = key.TenantId, ["idemKey"] = key.Key });
            }
        }
        var reads = new List<Reads>(items.Count);
        await using var grid = await query.QueryAsync(scope);
        foreach (var (input, doc) in items)
        {
            var member = await grid.ReadSingleOrDefaultAsync<MemberRow>();
            var duplicate = await grid.ReadSingleAsync<long>() > 0;
            var window = doc.Tiers is { Count: > 0 } ? await grid.ReadSingleAsync<WindowTotals>() : new WindowTotals();
            var found = input.Key is null ? null : await grid.ReadSingleOrDefaultAsync<KeyRecord>();
            reads.Add(new Reads(found, member, duplicate, window));
        }
        return reads;
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
