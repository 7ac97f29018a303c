using static Tango.Domain.Analytics.SpecialFunctions;

namespace Tango.Domain.Analytics;

/// <summary>
/// BG/NBD's expected purchases in the next t for a customer alive at T with x repeat purchases, as a series.
/// </summary>
/// <remarks>
/// Equation (10) without its P(alive) factor is c / (a − 1) · (1 − (1 − z)^(r+x) ₂F₁(r + x, b + x; c; z)) with
/// c = a + b + x − 1 and z = t / (α + T + t). Euler's transformation turns the ₂F₁ into
/// (1 − z)^(a−1−r−x) ₂F₁(a + b − 1 − r, a − 1; c; z), whose numerator parameters no longer grow with x, so its
/// terms shrink from the first one even for x in the thousands. Writing that ₂F₁ as 1 + (a − 1)·S(z) and
/// dividing a − 1 and c out by hand leaves
/// E = c·φ(z) − (1 − z)^(a−1) Σₙ≥₁ cₙ zⁿ, φ(z) = (1 − (1 − z)^(a−1)) / (a − 1),
/// cₙ = (a + b − 1 − r)ₙ (a)ₙ₋₁ / ((c + 1)ₙ₋₁ n!),
/// which stays exact as a approaches 1 (where the paper's form divides zero by zero) and as c approaches 0.
/// </remarks>
internal readonly struct AliveSeries(BgNbd model, double x)
{
    private readonly double _top = model.A + model.B - 1 - model.R;
    private readonly double _a = model.A;
    private readonly double _c = model.A + model.B + x - 1;

    /// <summary>E at ln(1 − z); NaN when the series needs more than <paramref name="maxTerms"/> terms (z too near 1).</summary>
    public double Expectation(double logOneMinusZ, int maxTerms) => Expectation(logOneMinusZ, maxTerms, out _);

    /// <param name="terms">How many terms of the series were summed.</param>
    public double Expectation(double logOneMinusZ, int maxTerms, out int terms)
    {
        terms = 0;
        var z = -Expm1(logOneMinusZ);
        double term = _top * z, sum = term;
        for (var n = 1; n < maxTerms; n++)
        {
            term *= Ratio(n) * z;
            sum += term;
            // |a + b − 1 − r + m| / (c + m) and (a + m − 1) / (m + 1) move monotonically towards 1 as m grows, so
            // this bounds every later ratio of successive terms, and the rest of the series by a geometric tail.
            var bound = z * Math.Max(1, Math.Abs(_top + n + 1) / (_c + n + 1)) * Math.Max(1, (_a + n) / (n + 2));
            if (bound < 1 && Math.Abs(term) * bound / (1 - bound) <= 1e-16 * Math.Abs(sum))
            {
                terms = n + 1;
                return (_c * Phi(logOneMinusZ)) - (Math.Exp((_a - 1) * logOneMinusZ) * sum);
            }
            if (Math.Abs(term) > 1e250)
            {
                return double.NaN;
            }
        }
        return double.NaN;
    }

    /// <summary>c = a + b + x − 1.</summary>
    public double C => _c;

    /// <summary>The series coefficients cₙ for n = 1..<c>coefficients.Length</c>.</summary>
    public void Coefficients(Span<double> coefficients)
    {
        var s = _top;
        for (var n = 1; n <= coefficients.Length; n++)
        {
            coefficients[n - 1] = s;
            s *= Ratio(n);
        }
    }

    /// <summary>φ = (1 − (1 − z)^(a−1)) / (a − 1), which tends to −ln(1 − z) as a → 1.</summary>
    public double Phi(double logOneMinusZ)
    {
        var exponent = _a - 1;
        return Math.Abs(exponent) < 1e-12 ? -logOneMinusZ : -Expm1(exponent * logOneMinusZ) / exponent;
    }

    /// <summary>cₙ₊₁ / cₙ.</summary>
    private double Ratio(int n) => (_top + n) * (_a + n - 1) / ((_c + n) * (n + 1));
}
