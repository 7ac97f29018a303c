using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Tiers;
using Tango.Store.Challenges;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

/// <summary>
/// A purchase: store the order, earn points and cashback by the program, move the tier up if it
/// qualifies, move challenges and settle the member's pending referral (docs/referrals-and-challenges.md).
/// This is the hot path: a run of purchases from one group commit reads in one round trip (member locks,
/// duplicate orders, keys, tier windows, pending referrals, orders and completions around challenged
/// purchases) and writes in one (events, orders, ledger lines, lots, balances, keys, completions, referral
/// rows); on PostgreSQL each of those is one set-based statement for the whole run. A batch in which a
/// referred friend's purchase reaches the minimum takes one more read round trip, for the referrers.
/// </summary>
internal static class Purchases
{
    /// <summary>
    /// Runs a run of purchases from one batch: one round trip reads what they all need, they are decided
    /// in order in memory (each sees the balances, orders and keys of the ones before it), and one round
    /// trip writes them all. Run one by one, they would give the same answers.
    /// </summary>
    public static async Task<IReadOnlyList<StoredResponse>> RunManyAsync(WriteScope scope, IReadOnlyList<PurchaseInput> inputs,
        ProgramStore programs, TimeProvider clock, Rewards.Surprises? surprises = null)
    {
        var now = clock.GetUtcNow();
        var items = new List<PurchaseItem>(inputs.Count);
        foreach (var input in inputs)
        {
            items.Add(new PurchaseItem(input, await programs.CurrentAsync(scope, input.Command.TenantId), Ids.New("evt", clock), now));
        }
        var reads = await PurchaseReads.ReadAsync(scope, items);
        var referrers = await ReferralPurchases.ReadReferrersAsync(scope, items, reads);

        var writes = new PurchaseWrites(now);
        var state = new BatchState();
        var answers = new List<StoredResponse>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var read = state.Adjust(item, reads[i]);
            if (item.Input.Key?.Answer(read.Key) is { } earlier)
            {
                answers.Add(earlier);
                continue;
            }
            var (response, effect) = Plan(writes, state, referrers, item, read);
            state.Record(item.Input, response, effect);
            if (item.Input.Key is { } key)
            {
                writes.Keys.Add((key, response));
            }
            answers.Add(response);
        }
        await writes.WriteAsync(scope);
        if (surprises is not null)
        {
            // A surprise is drawn after the purchase is written, so it stays a surprise: it shows in the member's
            // ledger and history, not in the purchase's answer.
            foreach (var (tenantId, memberId, occasion) in writes.SurpriseOccasions)
            {
                await surprises.TryGrantAsync(scope, tenantId, memberId, occasion, writes.Now);
            }
        }
        return answers;
    }

    /// <summary>What an accepted purchase changed: the member as it is after it, and the order's figures.</summary>
    internal sealed record Effect(MemberRow After, DateTimeOffset At, long TotalMinor, long Points);

    /// <summary>Decides the purchase's outcome and adds its rows to the batch's writes (none when it is refused).</summary>
    private static (StoredResponse Response, Effect? Effect) Plan(PurchaseWrites writes, BatchState state, ReferrerReads referrers,
        PurchaseItem item, PurchaseRead reads)
    {
        var (command, program, eventId) = (item.Command, item.Program, item.EventId);
        var purchase = command.Purchase!;
        var now = writes.Now;
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
        if (!Money.Fits(purchase.Purchase.PaidWithPoints, currency) || !Money.Fits(purchase.Purchase.PaidWithWallet, currency))
        {
            return (Responses.Invalid(Money.Fits(purchase.Purchase.PaidWithPoints, currency) ? "data.paidWithWallet" : "data.paidWithPoints",
                $"Paid amounts may not have more decimals than {currency} allows."), null);
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
            writes.Enrolments.Add((command.TenantId, command.MemberId));
            member = new MemberRow { TenantId = command.TenantId, MemberId = command.MemberId, CreatedAt = now, UpdatedAt = now };
        }

        var tierBefore = member.TierId ?? TierQualification.For(doc, 0, 0, 0)?.Id;
        var tier = doc.Tiers?.FirstOrDefault(t => t.Id == tierBefore);
        // With rules, the base line explains which matched and why the others did not; without, its own reason says it all
        // (and the purchase path, which runs inside the writer, skips composing the explanation).
        var (earning, explanation) = doc.Earning.Rules is { Count: > 0 }
            ? Earning.CalculateExplained(doc, purchase.Purchase, tier?.Multiplier ?? 1m, tier?.Name)
            : (Earning.Calculate(doc, purchase.Purchase, tier?.Multiplier ?? 1m, tier?.Name), null);
        if (doc.Earning.Limits is not null)
        {
            // What goes over the member's day or month is withheld as its own (negative) line.
            earning = EarningCaps.Apply(doc, earning, reads.Earned.Day, reads.Earned.Month);
        }
        var totalMinor = Currency.ToMinor(purchase.Purchase.Total, currency);
        var tierAfter = Tiering.Qualify(doc, tierBefore, item.InOwnWindow ? reads.Window.With(totalMinor, earning.Points) : reads.Window);

        writes.Events.Add((command, eventId));
        if (item.IsHistory)
        {
            writes.HistoryEvents.Add(eventId);
        }
        // Only a purchase whose roll wins the chance is drawn in the store; the rest cost nothing and leave no row. History
        // draws nothing: a surprise is for a visit now, and old invoices would spend the month's budget on long-gone customers.
        if (doc.Surprises is { } surprise && !item.IsHistory && earning.Points > 0 && "order:" + purchase.OrderId is var occasion
            && Domain.Rewards.SurpriseDraw.WinsChance(surprise, Domain.Rewards.SurpriseRolls.For(command.TenantId, member.MemberId, occasion)))
        {
            writes.SurpriseOccasions.Add((command.TenantId, member.MemberId, occasion));
        }
        AddLedgerLines(writes, command, purchase, member, program, eventId, earning, explanation?.Text);
        writes.Orders.Add(new OrderWrite(command.TenantId, purchase.OrderId, member.MemberId, eventId, command.OccurredAt, currency,
            totalMinor, earning.Points, earning.WalletMinor, program.Version));
        writes.Move(command.TenantId, member.MemberId, earning.Points, earning.WalletMinor, tierAfter);
        if (tierAfter != tierBefore && tierAfter is not null)
        {
            // Kept in the history (and announced) with the purchase, rather than at the next review; dated when the window was judged.
            var name = doc.Tiers?.FirstOrDefault(t => t.Id == tierAfter)?.Name ?? tierAfter;
            writes.TierChanges.Add((command.TenantId, member.MemberId, new Tiers.TierChange("tch_" + Guid.CreateVersion7(now).ToString("N"),
                item.TierAt, tierBefore, tierAfter, $"moved up to {name} by a purchase", Tiers.TierSql.PurchaseSource, program.Version)));
        }

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
        // Challenges and the referral pay beside the earning, from the same transaction; they move `after`.
        var achievements = new List<object>();
        var rewards = new List<BonusReward>();
        ReferralPurchases.NoteCard(writes, state, item);
        ChallengePurchases.Plan(writes, state, item, reads, after, achievements, rewards);
        var referral = ReferralPurchases.Plan(writes, state, item, reads, referrers, after, rewards);
        var response = Responses.Json(200, new PointsOutcome(
            eventId, earning.Points, after.PointsBalance, new TierChange(tierBefore, tierAfter),
            Currency.FromMinor(earning.WalletMinor, currency), Currency.FromMinor(after.WalletMinor, currency),
            achievements, rewards, earning.Components.Select(c => new EarnedLine(c.RuleId, c.Points, c.Reason)).ToList(), program.Version,
            referral));
        return (response, new Effect(after, command.OccurredAt, totalMinor, earning.Points));
    }

    /// <summary>
    /// One earn line per rule that gave points (and one for what a limit withheld), the lot on the last line that added
    /// points, and the cashback line.
    /// </summary>
    private static void AddLedgerLines(PurchaseWrites writes, EventCommand command, PurchaseCommand purchase,
        MemberRow member, ProgramVersion program, string eventId, EarningResult earning, string? explanation)
    {
        var at = command.OccurredAt;
        var expiresAt = Expiry.ExpiresAt(program.Document, at);
        var availableAt = PendingPoints.AvailableAt(program.Document.Earning, at);
        var earned = earning.Components.Where(c => c.Points != 0).ToList();
        var lotLine = earned.FindLastIndex(c => c.Points > 0);
        for (var i = 0; i < earned.Count; i++)
        {
            var lot = earning.Points > 0 && i == lotLine
                ? new LotWrite(earning.Points, LedgerWriter.LotRemaining(earning.Points, member.PointsBalance), availableAt)
                : null;
            writes.Lines.Add((command.TenantId, new LedgerLine
            {
                MemberId = member.MemberId,
                At = at,
                Account = "points",
                Amount = earned[i].Points,
                Kind = LineKinds.Earn,
                // The base line carries the whole explanation (every rule, matched or not, and why), as the dashboard shows it.
                Reason = earned[i].RuleId is null ? explanation ?? earned[i].Reason : earned[i].Reason,
                RuleId = earned[i].RuleId,
                ProgramVersion = program.Version,
                EventId = eventId,
                OrderId = purchase.OrderId,
                ExpiresAt = expiresAt,
            }, lot));
        }
        if (earning.WalletMinor > 0)
        {
            writes.Lines.Add((command.TenantId, new LedgerLine
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
            }, null));
        }
    }
}

internal static class Money
{
    /// <summary>True when the amount has no more decimals than the currency's minor unit.</summary>
    public static bool Fits(decimal amount, string currency) =>
        Currency.FromMinor(Currency.ToMinor(amount, currency), currency) == amount;
}
