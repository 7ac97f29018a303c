namespace Tango.Domain.Analytics;

/// <summary>A customer's scores: P(alive), expected purchases over the horizon and CLV over it.</summary>
public readonly record struct CustomerScore(double PAlive, double ExpectedPurchases, double Clv);

/// <summary>Customer lifetime value from BG/NBD and Gamma-Gamma (docs/analytics.md, "CLV").</summary>
public static class CustomerValue
{
    /// <summary>
    /// Σₖ₌₁..H (E[Y(k)] − E[Y(k − 1)]) / (1 + d)ᵏ: the conditional expected purchases of each unit step of the
    /// horizon, each discounted to the end of the calibration period. With d = 0 it is E[Y(H)].
    /// </summary>
    public static double DiscountedExpectedPurchases(BgNbd model, CustomerSummary customer, int horizon, double discountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        var (sum, previous) = (0.0, 0.0);
        for (var k = 1; k <= horizon; k++)
        {
            var expected = model.ConditionalExpectedPurchases(k, customer.Frequency, customer.Recency, customer.T);
            sum += (expected - previous) / Math.Pow(1 + discountRate, k);
            previous = expected;
        }
        return sum;
    }

    /// <summary>Expected spend per purchase × discounted expected purchases over the horizon.</summary>
    public static double Clv(BgNbd model, GammaGamma spend, CustomerSummary customer, int horizon, double discountRate) =>
        spend.ConditionalExpectedAverageSpend(customer.Frequency, customer.Monetary)
        * DiscountedExpectedPurchases(model, customer, horizon, discountRate);

    /// <summary>
    /// Scores every customer, in input order: the same numbers as <see cref="BgNbd.PAlive"/>,
    /// <see cref="BgNbd.ConditionalExpectedPurchases"/> and <see cref="Clv"/>, computed once per distinct
    /// (x, T) and in parallel. CLV is NaN without a spend model.
    /// </summary>
    public static CustomerScore[] Score(BgNbd model, GammaGamma? spend, ReadOnlyMemory<CustomerSummary> customers, int horizon, double discountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(discountRate, -1);
        var table = ScoringTable.Build(model, customers.Span, horizon, discountRate);
        var scores = new CustomerScore[customers.Length];
        var pairOf = table.PairOf;
        const int chunk = 16_384;
        Parallel.For(0, (customers.Length + chunk - 1) / chunk, c =>
        {
            var span = customers.Span;
            for (var i = c * chunk; i < Math.Min(span.Length, (c + 1) * chunk); i++)
            {
                var customer = span[i];
                var pAlive = model.PAlive(customer.Frequency, customer.Recency, customer.T);
                var (expected, discounted) = table.Pairs[pairOf[i]];
                var clv = spend is { } s
                    ? s.ConditionalExpectedAverageSpend(customer.Frequency, customer.Monetary) * pAlive * discounted
                    : double.NaN;
                scores[i] = new CustomerScore(pAlive, pAlive * expected, clv);
            }
        });
        return scores;
    }
}
