namespace Tango.Domain.Analytics;

/// <summary>
/// Draws synthetic customers from BG/NBD (when they buy) and Gamma-Gamma (what they spend), for tests and
/// benchmarks that need a customer base with known parameters.
/// </summary>
public static class CustomerBaseSimulation
{
    /// <summary>
    /// One customer's purchases after the first (made at time 0), up to <paramref name="observedFor"/>: the
    /// times, in the model's unit, the value of each and of the first purchase (no values without
    /// <paramref name="spend"/>).
    /// </summary>
    public static (List<double> Times, List<double>? Values, double FirstValue) Customer(BgNbd purchases, GammaGamma? spend, double observedFor, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var lambda = Gamma(random, purchases.R) / purchases.Alpha;
        var x = Gamma(random, purchases.A);
        var dropout = x / (x + Gamma(random, purchases.B));
        var nu = spend is { } s ? Gamma(random, s.Q) / s.V : 0;
        var times = new List<double>();
        var values = spend is null ? null : new List<double>();
        var first = spend is { } firstSpend ? Gamma(random, firstSpend.P) / nu : 0;
        var t = 0.0;
        // Alive after the first purchase; after each repeat purchase the customer drops out with probability p.
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (!(t <= observedFor))
            {
                break;
            }
            times.Add(t);
            values?.Add(Gamma(random, spend!.Value.P) / nu);
            if (random.NextDouble() < dropout)
            {
                break;
            }
        }
        return (times, values, first);
    }

    /// <summary>A customer's exact (continuous-time) summary over a calibration period of length <paramref name="t"/>.</summary>
    public static CustomerSummary Summary(BgNbd purchases, GammaGamma? spend, double t, Random random)
    {
        var (times, values, _) = Customer(purchases, spend, t, random);
        return new CustomerSummary(times.Count, times.Count == 0 ? 0 : times[^1], t, values is { Count: > 0 } ? values.Average() : 0);
    }

    /// <summary>A Gamma(shape, 1) variate: Marsaglia and Tsang's method, boosted for shape &lt; 1.</summary>
    public static double Gamma(Random random, double shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        }
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double normal, v;
            do
            {
                normal = Normal(random);
                v = 1 + (c * normal);
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < (0.5 * normal * normal) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
