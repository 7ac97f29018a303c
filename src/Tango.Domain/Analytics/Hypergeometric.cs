namespace Tango.Domain.Analytics;

/// <summary>The Gauss hypergeometric function ₂F₁(a, b; c; z) on 0 ≤ z &lt; 1, in log space.</summary>
public static class Hypergeometric
{
    private const int MaxTerms = 1_000_000;

    /// <summary>
    /// ln ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 and c &gt; 0 where the function is positive; NaN where the series does not
    /// settle within a million terms (z very near 1 with a + b − c large) or the value is not positive.
    /// </summary>
    /// <remarks>
    /// With large parameters (a BG/NBD customer with 500 repeat purchases has a, b, c ≈ 500) the plain series
    /// rises through terms far beyond double range before it falls, so it is summed in log space, and when
    /// c − a and c − b are smaller than a and b, Euler's transformation
    /// ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) gives a series whose terms shrink at once.
    /// </remarks>
    public static double Log2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1) || !(c > 0))
        {
            return double.NaN;
        }
        if (z == 0)
        {
            return 0;
        }
        if (Math.Abs(c - a) + Math.Abs(c - b) < Math.Abs(a) + Math.Abs(b))
        {
            return ((c - a - b) * SpecialFunctions.Log1p(-z)) + LogSeries(c - a, c - b, c, z);
        }
        return LogSeries(a, b, c, z);
    }

    /// <summary>ln of Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, terms kept as a sign and a logarithm, the sum scaled by its largest term.</summary>
    private static double LogSeries(double a, double b, double c, double z)
    {
        var logZ = Math.Log(z);
        double logTerm = 0, sign = 1, scale = 0, sum = 1;
        for (var n = 0; n < MaxTerms; n++)
        {
            var factor = (a + n) * (b + n) / ((c + n) * (n + 1));
            if (factor == 0)
            {
                // a or b is a non-positive integer: a polynomial, and that was its last term.
                return sum > 0 ? scale + Math.Log(sum) : double.NaN;
            }
            logTerm += Math.Log(Math.Abs(factor)) + logZ;
            sign *= Math.Sign(factor);
            if (logTerm > scale + 30)
            {
                sum *= Math.Exp(scale - logTerm);
                scale = logTerm;
            }
            var term = sign * Math.Exp(logTerm - scale);
            sum += term;
            // |a + m| / (c + m) and |b + m| / (m + 1) move monotonically towards 1 as m grows, so this bounds
            // every later ratio of successive terms, and the rest of the series by a geometric tail.
            var ratio = z * Math.Max(1, Math.Abs(a + n + 1) / (c + n + 1)) * Math.Max(1, Math.Abs(b + n + 1) / (n + 2));
            if (ratio < 1 && Math.Abs(term) * ratio / (1 - ratio) <= 1e-17 * Math.Abs(sum))
            {
                return sum > 0 ? scale + Math.Log(sum) : double.NaN;
            }
        }
        return double.NaN;
    }
}
