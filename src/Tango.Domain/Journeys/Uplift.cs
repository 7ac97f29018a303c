namespace Tango.Domain.Journeys;

/// <summary>A proportion with its 95% Wilson score interval.</summary>
public readonly record struct Proportion(long Successes, long Trials)
{
    public double? Value => Trials == 0 ? null : (double)Successes / Trials;
}

/// <summary>The measured effect of a journey: treated conversion minus held-out conversion, with its 95% interval.</summary>
public sealed record UpliftEstimate(double? ConversionTreated, double? ConversionHoldout, double? Uplift, double? Lower, double? Upper);

/// <summary>
/// Uplift as a difference of two independent proportions, with Newcombe's hybrid score interval (Newcombe 1998,
/// "Interval estimation for the difference between independent proportions", method 10): it combines each
/// group's Wilson score interval, stays inside [-1, 1], and behaves at 0% and 100% where the Wald interval
/// collapses to a point. The paper's example 56/70 − 48/80 gives 0.2000 (0.0524, 0.3339).
/// </summary>
public static class Uplift
{
    /// <summary>The normal quantile of 97.5%, for two-sided 95% intervals.</summary>
    public const double Z95 = 1.959963984540054;

    public static UpliftEstimate Of(Proportion treated, Proportion holdout)
    {
        var p1 = treated.Value;
        var p2 = holdout.Value;
        if (p1 is not { } a || p2 is not { } b)
        {
            return new UpliftEstimate(p1, p2, null, null, null);
        }
        var (l1, u1) = Wilson(treated);
        var (l2, u2) = Wilson(holdout);
        var d = a - b;
        var lower = d - Math.Sqrt(Square(a - l1) + Square(u2 - b));
        var upper = d + Math.Sqrt(Square(u1 - a) + Square(b - l2));
        return new UpliftEstimate(a, b, d, lower, upper);
    }

    /// <summary>Wilson's score interval for one proportion (Wilson 1927), at 95%.</summary>
    public static (double Lower, double Upper) Wilson(Proportion proportion)
    {
        if (proportion.Trials <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(proportion), "A proportion needs at least one trial.");
        }
        if (proportion.Successes < 0 || proportion.Successes > proportion.Trials)
        {
            throw new ArgumentOutOfRangeException(nameof(proportion), "Successes must be between 0 and the trials.");
        }
        double n = proportion.Trials;
        var p = proportion.Successes / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = Z95 / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static double Square(double x) => x * x;
}
