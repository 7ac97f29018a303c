namespace Tango.Domain.Analytics;

/// <summary>
/// Customers with <see cref="Frequency"/> repeat purchases in the calibration period ("7+" for seven or more),
/// and their mean repeat purchase days in the holdout period: counted, and predicted by BG/NBD.
/// </summary>
public sealed record HoldoutGroup(string Frequency, int Customers, double Actual, double Predicted);

/// <summary>BG/NBD's conditional expectations against what the customers did in the holdout period, by frequency.</summary>
public static class HoldoutCheck
{
    public const int OpenGroup = 7;

    /// <param name="holdoutLength">The holdout period's length in the model's unit.</param>
    /// <returns>Groups 0..6 and 7+, then the whole base as "all".</returns>
    public static IReadOnlyList<HoldoutGroup> Build(BgNbd model, ReadOnlyMemory<CustomerHistory> customers, double holdoutLength)
    {
        var predicted = new double[customers.Length];
        Parallel.For(0, (customers.Length + 16_383) / 16_384, chunk =>
        {
            var span = customers.Span;
            for (var i = chunk * 16_384; i < Math.Min(span.Length, (chunk + 1) * 16_384); i++)
            {
                var s = span[i].Summary;
                predicted[i] = model.ConditionalExpectedPurchases(holdoutLength, s.Frequency, s.Recency, s.T);
            }
        });
        var (count, actual, expected) = (new int[OpenGroup + 2], new double[OpenGroup + 2], new double[OpenGroup + 2]);
        var all = customers.Span;
        for (var i = 0; i < all.Length; i++)
        {
            foreach (var g in (ReadOnlySpan<int>)[(int)Math.Min(all[i].Summary.Frequency, OpenGroup), OpenGroup + 1])
            {
                count[g]++;
                actual[g] += all[i].HoldoutPurchases;
                expected[g] += predicted[i];
            }
        }
        return [.. Enumerable.Range(0, OpenGroup + 2).Select(g => new HoldoutGroup(
            g == OpenGroup + 1 ? "all" : g == OpenGroup ? $"{OpenGroup}+" : g.ToString(System.Globalization.CultureInfo.InvariantCulture),
            count[g], count[g] == 0 ? 0 : actual[g] / count[g], count[g] == 0 ? 0 : expected[g] / count[g]))];
    }
}
