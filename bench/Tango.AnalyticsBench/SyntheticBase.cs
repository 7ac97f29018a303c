using Tango.Domain.Analytics;

namespace Tango.AnalyticsBench;

/// <summary>
/// The synthetic customer base of the benchmark, in days: BG/NBD r = 0.8, α = 40 (a purchase every 50 days on
/// average while alive), a = 0.8, b = 4; Gamma-Gamma p = 6, q = 4, v = 15 (mean spend 30). First purchases are
/// spread over the first year, purchases fall on whole days.
/// </summary>
internal static class SyntheticBase
{
    public static readonly BgNbd Purchases = new(0.8, 40, 0.8, 4);
    public static readonly GammaGamma Spend = new(6, 4, 15);
    public static readonly DateOnly Start = new(2024, 1, 1);
    public const int AcquisitionDays = 365;

    /// <summary>One customer's transactions up to <paramref name="lastDay"/> (days from <see cref="Start"/>), first purchase included.</summary>
    public static void Customer(Random random, int lastDay, List<Transaction> into)
    {
        into.Clear();
        var first = random.Next(AcquisitionDays);
        var (times, values, firstValue) = CustomerBaseSimulation.Customer(Purchases, Spend, lastDay - first + 0.999, random);
        into.Add(new Transaction(Start.DayNumber + first, Math.Round(firstValue, 2)));
        for (var i = 0; i < times.Count; i++)
        {
            into.Add(new Transaction(Start.DayNumber + first + (int)times[i], Math.Round(values![i], 2)));
        }
    }
}
