namespace Tango.Domain.Analytics;

/// <summary>Log-gamma, digamma and friends for positive real arguments, to about 1e-15 relative.</summary>
public static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            return x == 0 ? double.PositiveInfinity : double.NaN;
        }
        // Shift up to where Stirling's series is exact to double precision; the product of the shifted
        // factors stays far from overflow because there are at most 15 of them below 15.
        var shift = 0.0;
        if (x < 15)
        {
            var product = 1.0;
            while (x < 15)
            {
                product *= x;
                x += 1;
            }
            shift = Math.Log(product);
        }
        var inverse = 1 / x;
        var inverse2 = inverse * inverse;
        var series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 / 1188))));
        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>ψ(x) = d ln Γ(x) / dx for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        if (!(x > 0))
        {
            return double.NaN;
        }
        var shift = 0.0;
        while (x < 15)
        {
            shift += 1 / x;
            x += 1;
        }
        var inverse2 = 1 / (x * x);
        var series = inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 / 132))));
        return Math.Log(x) - (0.5 / x) - series - shift;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln(1 + x), accurate for small x (Goldberg's trick: .NET's LogP1 is a plain Log(1 + x)).</summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's trick).</summary>
    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }
        var um1 = u - 1;
        return um1 == -1 || double.IsPositiveInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + eˣ) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Log1p(Math.Exp(-x)) : Log1p(Math.Exp(x));

    /// <summary>1 / (1 + e⁻ˣ) without overflow.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }
        var e = Math.Exp(x);
        return e / (1 + e);
    }
}
