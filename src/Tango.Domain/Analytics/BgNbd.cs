using static Tango.Domain.Analytics.SpecialFunctions;

namespace Tango.Domain.Analytics;

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while alive a
/// customer buys at rate λ ~ Gamma(r, α) and after each purchase drops out with probability p ~ Beta(a, b).
/// Times are in the unit the model was fitted in; x is the frequency, tx the recency.
/// </summary>
public readonly record struct BgNbd(double R, double Alpha, double A, double B)
{
    /// <summary>One customer's log-likelihood, equation (6) of the paper, in log space.</summary>
    public double LogLikelihood(double x, double tx, double t)
    {
        var common = LogGamma(R + x) - LogGamma(R) + (R * Math.Log(Alpha)) + LogBeta(A, B + x) - LogBeta(A, B);
        var died = -(R + x) * Math.Log(Alpha + t);
        if (x == 0)
        {
            return common + died;
        }
        // ln(e^died + e^aliveUntilTx) as died + ln(1 + e^(their difference)): no overflow for large x or long T.
        return common + died + Softplus(DeadOdds(x, tx, t));
    }

    /// <summary>P(alive at T | x, tx, T), equation (13).</summary>
    public double PAlive(double x, double tx, double t) => x == 0 ? 1 : Sigmoid(-DeadOdds(x, tx, t));

    /// <summary>E[X(t)]: expected purchases in (0, t] of a customer who has just made the first purchase, equation (9).</summary>
    public double ExpectedPurchases(double t) => AliveExpectation(t, 0, 0);

    /// <summary>E[Y(t) | x, tx, T]: expected purchases in (T, T + t], equation (10).</summary>
    public double ConditionalExpectedPurchases(double t, double x, double tx, double bigT) =>
        PAlive(x, tx, bigT) * AliveExpectation(t, x, bigT);

    /// <summary>ln of the odds that the customer dropped out at the last purchase rather than being alive at T.</summary>
    internal double DeadOdds(double x, double tx, double t) =>
        Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * Log1p((t - tx) / (Alpha + tx)));

    /// <summary>
    /// Expected purchases in (T, T + t] of a customer alive at T with x repeat purchases: equation (10) without
    /// its P(alive) factor. A series (<see cref="AliveSeries"/>) unless t is so long next to α + T that it would
    /// converge too slowly; then the same quantity as an integral (<see cref="AliveQuadrature"/>).
    /// </summary>
    internal double AliveExpectation(double t, double x, double bigT)
    {
        if (t <= 0)
        {
            return 0;
        }
        var expected = new AliveSeries(this, x).Expectation(-Log1p(t / (Alpha + bigT)), maxTerms: 5000);
        return double.IsNaN(expected) ? AliveQuadrature.Expectation(this, t, x, bigT) : expected;
    }
}
