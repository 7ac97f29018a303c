using Tango.Domain.Money;
using Tango.Domain.Purchases;
using Tango.Domain.Referrals;
using Tango.Store.Challenges;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

/// <summary>
/// A purchase: store the order, earn points and cashback by the program, move the tier up if it qualifies, move
/// challenges and settle the member's pending referral (docs/referrals-and-challenges.md). What it does to the member
/// is <see cref="PurchaseDecision"/>'s; this is the hot path around it: a run of purchases from one group commit reads
/// in one round trip (member locks, duplicate orders, keys, and the members' orders, completions and pending
/// referrals when the program looks at them) and writes in one (events, orders, ledger lines, lots, balances, keys,
/// completions, referral rows); on PostgreSQL each of those is one set-based statement for the whole run. A batch in
/// which a referred friend's purchase reaches the minimum takes one more read round trip, for the referrers.
/// </summary>
internal static class Purchases
{
    /// <summary>
    /// Runs a run of purchases from one batch: one round trip reads what they all need, the decision is folded over
    /// them in order (each sees the member states, orders and keys the ones before it left), and one round trip writes
    /// them all. Run one by one, they would give the same answers.
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
        await ReferralPurchases.ReadReferrersAsync(scope, items, reads);

        var writes = new PurchaseWrites(now);
        var answers = new List<StoredResponse>(items.Count);
        foreach (var item in items)
        {
            if (item.Input.Key is { } key && key.Answer(reads.Keys.GetValueOrDefault((key.TenantId, key.Key))) is { } earlier)
            {
                answers.Add(earlier);
                continue;
            }
            var response = Decide(writes, reads, item);
            if (item.Input.Key is { } k)
            {
                writes.Keys.Add((k, response));
                reads.Keys[(k.TenantId, k.Key)] = new KeyRecord { RequestHash = k.RequestHash, Status = response.Status, Response = response.Body };
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

    /// <summary>Checks the purchase, decides it against the member's state, and adds its rows to the batch's writes.</summary>
    private static StoredResponse Decide(PurchaseWrites writes, PurchaseReads reads, PurchaseItem item)
    {
        var (command, program) = (item.Command, item.Program);
        var purchase = command.Purchase!;
        var currency = program.Document.Currency;
        if (Refuse(purchase, currency) is { } invalid)
        {
            return invalid;
        }
        var memberKey = (command.TenantId, command.MemberId);
        var member = reads.States[memberKey];
        var card = purchase.PaymentFingerprint is { } fingerprint ? ReferralGuards.HashFingerprint(command.TenantId, fingerprint) : null;
        var facts = new PurchaseFacts(purchase.OrderId, purchase.Purchase, Currency.ToMinor(purchase.Purchase.Total, currency), card)
        {
            ReceivedAt = item.Now,
        };
        var referrerKey = (command.TenantId, member.Referral?.ReferrerId ?? "");
        var outcome = PurchaseDecision.Decide(item.Rules, member, facts, reads.States.GetValueOrDefault(referrerKey), EarningDetail.Explained);
        if (!outcome.Accepted)
        {
            return EventWrites.Refusal(outcome.Refusal, command);
        }
        if (!reads.Orders.Add((command.TenantId, purchase.OrderId)))
        {
            return Responses.Problem(409, "duplicate-order", "Duplicate order",
                $"Order '{purchase.OrderId}' was already recorded; send a refund to change it.");
        }
        reads.States[memberKey] = outcome.Next;
        if (outcome.Referral?.Referrer is { } referrerAfter)
        {
            writes.Move(command.TenantId, referrerAfter.MemberId, referrerAfter.Balance - reads.States[referrerKey].Balance, 0, referrerAfter.TierId);
            reads.States[referrerKey] = referrerAfter;
        }
        if (card is not null && !member.Cards.Contains(card))
        {
            writes.Cards.Add((command.TenantId, command.MemberId, card));
        }
        return Record(writes, item, member, outcome);
    }

    /// <summary>A purchase in another currency, or with more decimals than the currency has, changes nothing.</summary>
    private static StoredResponse? Refuse(PurchaseCommand purchase, string currency)
    {
        if (purchase.Currency is { } sent && !string.Equals(sent, currency, StringComparison.OrdinalIgnoreCase))
        {
            return Responses.Invalid("data.currency", $"The program's currency is {currency}; this purchase is in {sent}.");
        }
        if (!Money.Fits(purchase.Purchase.Total, currency))
        {
            return Responses.Invalid("data.total", $"The total has more decimals than {currency} allows.");
        }
        if (!Money.Fits(purchase.Purchase.PaidWithPoints, currency) || !Money.Fits(purchase.Purchase.PaidWithWallet, currency))
        {
            return Responses.Invalid(Money.Fits(purchase.Purchase.PaidWithPoints, currency) ? "data.paidWithWallet" : "data.paidWithPoints",
                $"Paid amounts may not have more decimals than {currency} allows.");
        }
        return null;
    }

    /// <summary>The rows of an accepted purchase, and its answer.</summary>
    private static StoredResponse Record(PurchaseWrites writes, PurchaseItem item, MemberState before, PurchaseOutcome outcome)
    {
        var (command, program, eventId) = (item.Command, item.Program, item.EventId);
        var purchase = command.Purchase!;
        var (doc, currency) = (program.Document, program.Document.Currency);
        var (earning, next) = (outcome.Earning, outcome.Next);
        if (!before.Enrolled)
        {
            writes.Enrolments.Add((command.TenantId, command.MemberId));
        }
        writes.Events.Add((command, eventId));
        if (outcome.IsHistory)
        {
            writes.HistoryEvents.Add(eventId);
        }
        // Only a purchase whose roll wins the chance is drawn in the store; the rest cost nothing and leave no row. History
        // draws nothing: a surprise is for a visit now, and old invoices would spend the month's budget on long-gone customers.
        if (doc.Surprises is { } surprise && !outcome.IsHistory && earning.Points > 0 && "order:" + purchase.OrderId is var occasion
            && Domain.Rewards.SurpriseDraw.WinsChance(surprise, Domain.Rewards.SurpriseRolls.For(command.TenantId, command.MemberId, occasion)))
        {
            writes.SurpriseOccasions.Add((command.TenantId, command.MemberId, occasion));
        }
        PurchaseLines.Add(writes, item, outcome);
        writes.Orders.Add(new OrderWrite(command.TenantId, purchase.OrderId, command.MemberId, eventId, command.OccurredAt, currency,
            Currency.ToMinor(purchase.Purchase.Total, currency), earning.Points, earning.WalletMinor, program.Version));
        writes.Move(command.TenantId, command.MemberId, next.Balance - before.Balance, next.WalletMinor - before.WalletMinor, next.TierId);
        if (outcome.Tier.Moved)
        {
            // Kept in the history (and announced) with the purchase, rather than at the next review; dated when the window was judged.
            var name = doc.Tiers?.FirstOrDefault(t => t.Id == outcome.Tier.After)?.Name ?? outcome.Tier.After;
            writes.TierChanges.Add((command.TenantId, command.MemberId, new Tiers.TierChange("tch_" + Guid.CreateVersion7(writes.Now).ToString("N"),
                outcome.TierAt, outcome.Tier.Before, outcome.Tier.After, $"moved up to {name} by a purchase", Tiers.TierSql.PurchaseSource,
                program.Version)));
        }
        // Challenges and the referral pay beside the earning, from the same transaction.
        var achievements = new List<AchievementStep>();
        var rewards = new List<BonusReward>();
        ChallengePurchases.Record(writes, item, outcome, achievements, rewards);
        var referral = outcome.Referral is { } settling ? ReferralPurchases.Record(writes, item, settling, rewards) : null;
        return Responses.Json(200, new PointsOutcome(
            eventId, earning.Points, next.Balance, outcome.Tier,
            Currency.FromMinor(earning.WalletMinor, currency), Currency.FromMinor(next.WalletMinor, currency),
            achievements, rewards, earning.Components.Select(c => new EarnedLine(c.RuleId, c.Points, c.Reason)).ToList(), program.Version,
            referral));
    }
}

internal static class Money
{
    /// <summary>True when the amount has no more decimals than the currency's minor unit.</summary>
    public static bool Fits(decimal amount, string currency) =>
        Currency.FromMinor(Currency.ToMinor(amount, currency), currency) == amount;
}
