namespace Tango.Domain.Analytics;

/// <summary>
/// BG/NBD's expectations for a customer alive at T, once per distinct (x, T) of a customer base: at the horizon,
/// and discounted over its unit steps. P(alive) is the only factor left per customer.
/// </summary>
/// <remarks>
/// The discounted sum Σₖ (E(k) − E(k − 1)) vᵏ, v = 1 / (1 + d), equals Σₖ wₖ E(k) with wₖ = vᵏ − vᵏ⁺¹ for
/// k &lt; H and w_H = v^H (summation by parts, E(0) = 0). With
/// E(k) = c·φ(zₖ) − (1 − zₖ)^(a−1) Σₙ cₙ zₖⁿ (see <see cref="AliveSeries"/>), zₖ and φ depend on T alone and c,
/// cₙ on x alone, so Σₖ wₖ E(k) = c·Φ(T) − Σₙ cₙ Ψₙ(T) with Φ(T) = Σₖ wₖ φ(zₖ) and Ψₙ(T) = Σₖ wₖ (1 − zₖ)^(a−1) zₖⁿ.
/// Built once per T, those turn H series evaluations per (x, T) into one dot product. Where z_H is so near 1
/// that the series would need too many terms, the pairs of that T sum E(k) step by step instead.
/// </remarks>
internal sealed class ScoringTable
{
    private const int MaxBasisTerms = 1000;

    private ScoringTable(int[] pairOf, (double Expected, double Discounted)[] pairs) => (PairOf, Pairs) = (pairOf, pairs);

    /// <summary>Each customer's index into <see cref="Pairs"/>.</summary>
    public int[] PairOf { get; }

    /// <summary>Per distinct (x, T): expected purchases over the horizon if alive, and the discounted sum of them.</summary>
    public (double Expected, double Discounted)[] Pairs { get; }

    public static ScoringTable Build(BgNbd model, ReadOnlySpan<CustomerSummary> customers, int horizon, double discountRate)
    {
        var tIndex = new Dictionary<double, int>();
        var pairIndex = new Dictionary<(double X, int T), int>();
        var pairOf = new int[customers.Length];
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            if (!tIndex.TryGetValue(c.T, out var ti))
            {
                tIndex.Add(c.T, ti = tIndex.Count);
            }
            if (!pairIndex.TryGetValue((c.Frequency, ti), out var pi))
            {
                pairIndex.Add((c.Frequency, ti), pi = pairIndex.Count);
            }
            pairOf[i] = pi;
        }
        var ts = new double[tIndex.Count];
        foreach (var (t, i) in tIndex)
        {
            ts[i] = t;
        }
        var keys = new (double X, int T)[pairIndex.Count];
        foreach (var (key, i) in pairIndex)
        {
            keys[i] = key;
        }

        var weights = Weights(horizon, discountRate);
        var bases = new Basis?[ts.Length];
        Parallel.For(0, ts.Length, i => bases[i] = Basis.Build(model, ts[i], weights));
        var pairs = new (double, double)[keys.Length];
        Parallel.For(0, keys.Length, i =>
        {
            var (x, ti) = keys[i];
            var expected = horizon == 0 ? 0 : model.AliveExpectation(horizon, x, ts[ti]);
            var discounted = bases[ti]?.Discounted(model, x) ?? StepByStep(model, x, ts[ti], weights);
            pairs[i] = (expected, discounted);
        });
        return new ScoringTable(pairOf, pairs);
    }

    /// <summary>wₖ for k = 1..H (index k − 1).</summary>
    private static double[] Weights(int horizon, double discountRate)
    {
        var weights = new double[horizon];
        var v = 1 / (1 + discountRate);
        var power = 1.0;
        for (var k = 1; k <= horizon; k++)
        {
            power *= v;
            weights[k - 1] = k < horizon ? power * (1 - v) : power;
        }
        return weights;
    }

    private static double StepByStep(BgNbd model, double x, double t, double[] weights)
    {
        var sum = 0.0;
        for (var k = 1; k <= weights.Length; k++)
        {
            if (weights[k - 1] != 0)
            {
                sum += weights[k - 1] * model.AliveExpectation(k, x, t);
            }
        }
        return sum;
    }

    /// <summary>Φ(T) and Ψₙ(T) for n = 1..N, with N enough for x = 0, the slowest series.</summary>
    private sealed class Basis(double phi, double[] psi, double zHorizon)
    {
        public static Basis? Build(BgNbd model, double t, double[] weights)
        {
            if (weights.Length == 0)
            {
                return new Basis(0, [], 0);
            }
            var slowest = new AliveSeries(model, 0);
            var logAtHorizon = -SpecialFunctions.Log1p(weights.Length / (model.Alpha + t));
            if (double.IsNaN(slowest.Expectation(logAtHorizon, MaxBasisTerms, out var terms)))
            {
                return null;
            }
            var psi = new double[terms + 8];
            var phi = 0.0;
            for (var k = 1; k <= weights.Length; k++)
            {
                var w = weights[k - 1];
                if (w == 0)
                {
                    continue;
                }
                var logOneMinusZ = -SpecialFunctions.Log1p(k / (model.Alpha + t));
                var z = -SpecialFunctions.Expm1(logOneMinusZ);
                phi += w * slowest.Phi(logOneMinusZ);
                var term = w * Math.Exp((model.A - 1) * logOneMinusZ);
                for (var n = 0; n < psi.Length; n++)
                {
                    term *= z;
                    psi[n] += term;
                }
            }
            return new Basis(phi, psi, -SpecialFunctions.Expm1(logAtHorizon));
        }

        /// <summary>Σₖ wₖ E(k) for a customer with x repeat purchases alive at this T; null if the basis is too short for it.</summary>
        public double? Discounted(BgNbd model, double x)
        {
            Span<double> s = stackalloc double[psi.Length];
            var series = new AliveSeries(model, x);
            series.Coefficients(s);
            var sum = 0.0;
            for (var n = 0; n < s.Length; n++)
            {
                sum += s[n] * psi[n];
            }
            var expected = (series.C * phi) - sum;
            // The basis was sized for x = 0; a larger x only shrinks the terms, but check the last one anyway.
            var last = s.IsEmpty ? 0 : Math.Abs(s[^1] * psi[^1]) / (1 - zHorizon);
            return last <= 1e-13 * Math.Abs(expected) ? expected : null;
        }
    }
}
