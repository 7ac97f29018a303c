using static Tango.Domain.Analytics.SpecialFunctions;

namespace Tango.Domain.Analytics;

/// <summary>
/// The Gamma-Gamma model of spend (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie, "The Gamma-Gamma
/// model of monetary value"): each transaction's value is Gamma(p, ν) and ν varies across customers as
/// Gamma(q, v). <see cref="V"/> is the note's γ. The model reads a customer's frequency x and mean spend m of
/// the x repeat purchase days.
/// </summary>
public readonly record struct GammaGamma(double P, double Q, double V)
{
    /// <summary>ln f(m | p, q, v, x), the density of a mean of x transactions, equation (4) of the note.</summary>
    public double LogLikelihood(double x, double m) =>
        LogGamma((P * x) + Q) - LogGamma(P * x) - LogGamma(Q) + (Q * Math.Log(V))
        + (((P * x) - 1) * Math.Log(m)) + (P * x * Math.Log(x)) - (((P * x) + Q) * Math.Log((x * m) + V));

    /// <summary>
    /// E[M | p, q, v, m, x] = p(v + x·m) / (p·x + q − 1): the customer's expected spend per purchase, a weighted
    /// mean of the population mean p·v / (q − 1) and the customer's own mean m. Infinite when q ≤ 1, where
    /// the population mean does not exist.
    /// </summary>
    public double ConditionalExpectedAverageSpend(double x, double m) =>
        Q <= 1 ? double.PositiveInfinity : P * (V + (x * m)) / ((P * x) + Q - 1);

    /// <summary>The population mean spend per purchase, p·v / (q − 1); infinite when q ≤ 1.</summary>
    public double PopulationMeanSpend() => Q <= 1 ? double.PositiveInfinity : P * V / (Q - 1);
}
