namespace Tango.Domain.Analytics;

/// <summary>Builds a <see cref="CustomerSummary"/> from one customer's transactions (docs/analytics.md).</summary>
public static class CustomerSummaries
{
    /// <param name="purchases">The customer's transactions in any order; sorted in place by day.</param>
    /// <param name="calibrationEnd">Last day of the calibration period, inclusive.</param>
    /// <param name="holdoutEnd">Last day counted for <see cref="CustomerHistory.HoldoutPurchases"/>, inclusive.</param>
    /// <returns>Null when the customer has no purchase on or before <paramref name="calibrationEnd"/>.</returns>
    public static CustomerHistory? Summarize(Span<Transaction> purchases, DateOnly calibrationEnd, DateOnly holdoutEnd, TimeUnit unit)
    {
        if (purchases.IsEmpty)
        {
            return null;
        }
        purchases.Sort(static (left, right) => left.Day.CompareTo(right.Day));
        var end = calibrationEnd.DayNumber;
        var first = purchases[0].Day;
        if (first > end)
        {
            return null;
        }

        // Walk the purchase days: several transactions on one day are one purchase of their summed spend.
        int repeatDays = 0, last = first, holdoutDays = 0, i = 0;
        var repeatSpend = 0.0;
        while (i < purchases.Length)
        {
            var day = purchases[i].Day;
            var spend = 0.0;
            for (; i < purchases.Length && purchases[i].Day == day; i++)
            {
                spend += purchases[i].Amount;
            }
            if (day <= end && day != first)
            {
                repeatDays++;
                repeatSpend += spend;
                last = day;
            }
            else if (day > end && day <= holdoutEnd.DayNumber)
            {
                holdoutDays++;
            }
        }

        var summary = new CustomerSummary(
            repeatDays,
            unit.FromDays(last - first),
            unit.FromDays(end - first),
            repeatDays == 0 ? 0 : repeatSpend / repeatDays);
        return new CustomerHistory(summary, holdoutDays);
    }
}
