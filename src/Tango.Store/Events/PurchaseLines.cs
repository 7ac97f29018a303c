using Tango.Domain.Purchases;
using Tango.Store.Ledger;

namespace Tango.Store.Events;

/// <summary>The ledger lines a purchase's own earning writes.</summary>
internal static class PurchaseLines
{
    /// <summary>
    /// One earn line per rule that gave points (and one for what a limit withheld), the lot on the last line that added
    /// points, and the cashback line.
    /// </summary>
    public static void Add(PurchaseWrites writes, PurchaseItem item, PurchaseOutcome outcome)
    {
        var (command, program, eventId) = (item.Command, item.Program, item.EventId);
        var purchase = command.Purchase!;
        var earning = outcome.Earning;
        var earned = earning.Components.Where(c => c.Points != 0).ToList();
        var lotLine = earned.FindLastIndex(c => c.Points > 0);
        for (var i = 0; i < earned.Count; i++)
        {
            var lot = i == lotLine && outcome.Lot is { } credit ? new LotWrite(credit.Points, credit.LotRemaining, outcome.AvailableAt) : null;
            writes.Lines.Add((command.TenantId, new LedgerLine
            {
                MemberId = command.MemberId,
                At = command.OccurredAt,
                Account = "points",
                Amount = earned[i].Points,
                Kind = LineKinds.Earn,
                // The base line carries the whole explanation (every rule, matched or not, and why), as the dashboard shows it.
                Reason = earned[i].RuleId is null ? outcome.Explanation ?? earned[i].Reason : earned[i].Reason,
                RuleId = earned[i].RuleId,
                ProgramVersion = program.Version,
                EventId = eventId,
                OrderId = purchase.OrderId,
                ExpiresAt = outcome.ExpiresAt,
            }, lot));
        }
        if (earning.WalletMinor > 0)
        {
            writes.Lines.Add((command.TenantId, new LedgerLine
            {
                MemberId = command.MemberId,
                At = command.OccurredAt,
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
