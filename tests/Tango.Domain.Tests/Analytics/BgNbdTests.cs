using Tango.Domain.Analytics;

namespace Tango.Domain.Tests.Analytics;

public sealed class BgNbdTests
{
    // The CDNOW estimates, in weeks.
    private static readonly BgNbd Weekly = new(0.242595, 4.413602, 0.792922, 2.425907);

    /// <summary>Equation (10) of the paper as printed, with ₂F₁ from <see cref="Hypergeometric"/>.</summary>
    private static double PaperExpectation(BgNbd m, double t, double x, double tx, double bigT)
    {
        var z = t / (m.Alpha + bigT + t);
        var log2F1 = Hypergeometric.Log2F1(m.R + x, m.B + x, m.A + m.B + x - 1, z);
        var alive = (m.A + m.B + x - 1) / (m.A - 1) * -SpecialFunctions.Expm1(((m.R + x) * Math.Log(1 - z)) + log2F1);
        return alive * m.PAlive(x, tx, bigT);
    }

    [Theory]
    [InlineData(39, 0, 0, 38.86)]
    [InlineData(39, 2, 30.43, 38.86)]
    [InlineData(1, 7, 35, 38)]
    [InlineData(52, 25, 20, 38)]
    [InlineData(500, 3, 2, 5)]
    [InlineData(52, 500, 700, 714)]
    [InlineData(5200, 2, 0.5, 1)]
    public void Conditional_expectation_matches_the_papers_hypergeometric_formula(double t, double x, double tx, double bigT)
    {
        var expected = PaperExpectation(Weekly, t, x, tx, bigT);

        Assert.Equal(expected, Weekly.ConditionalExpectedPurchases(t, x, tx, bigT), expected * 1e-9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(39)]
    [InlineData(78)]
    public void Unconditional_expectation_matches_equation_9(double t)
    {
        var m = Weekly;
        var z = t / (m.Alpha + t);
        var expected = (m.A + m.B - 1) / (m.A - 1)
            * (1 - Math.Exp((m.R * Math.Log(1 - z)) + Hypergeometric.Log2F1(m.R, m.B, m.A + m.B - 1, z)));

        Assert.Equal(expected, m.ExpectedPurchases(t), expected * 1e-10);
    }

    [Fact]
    public void Expectation_of_a_dropout_probability_near_one_half_is_continuous_through_a_equal_one()
    {
        // At a = 1 the paper's form divides zero by zero; just either side it does not.
        var at = new BgNbd(0.5, 4, 1, 2.5).ConditionalExpectedPurchases(39, 3, 20, 38);
        var below = new BgNbd(0.5, 4, 1 - 1e-6, 2.5).ConditionalExpectedPurchases(39, 3, 20, 38);
        var above = new BgNbd(0.5, 4, 1 + 1e-6, 2.5).ConditionalExpectedPurchases(39, 3, 20, 38);

        Assert.True(double.IsFinite(at) && at > 0);
        Assert.Equal(below, at, 1e-5);
        Assert.Equal(above, at, 1e-5);
    }

    [Fact]
    public void Expectation_of_a_horizon_far_longer_than_the_history_agrees_between_series_and_integral()
    {
        // t / (α + T) = 10⁴ puts z within 1e-4 of 1, where the series gives way to the integral over p.
        var quadrature = Weekly.ConditionalExpectedPurchases(50_000, 1, 0.5, 0.6);
        var paper = PaperExpectation(Weekly, 50_000, 1, 0.5, 0.6);

        Assert.Equal(paper, quadrature, paper * 1e-8);
    }

    [Fact]
    public void Scores_stay_finite_for_frequency_500_over_5000_days()
    {
        var daily = Weekly with { Alpha = Weekly.Alpha * 7 };

        foreach (var tx in new[] { 4999.0, 2500, 600 })
        {
            var pAlive = daily.PAlive(500, tx, 5000);
            var expected = daily.ConditionalExpectedPurchases(365, 500, tx, 5000);
            var likelihood = daily.LogLikelihood(500, tx, 5000);

            Assert.InRange(pAlive, 0, 1);
            Assert.True(double.IsFinite(expected) && expected >= 0, $"E = {expected} at tx = {tx}");
            Assert.True(double.IsFinite(likelihood), $"LL = {likelihood} at tx = {tx}");
        }
        // Alive with 500 purchases in 5000 days, a customer buys about 0.1 a day; most of a year's 36.5.
        Assert.InRange(daily.ConditionalExpectedPurchases(365, 500, 4999, 5000), 30, 37);
        Assert.True(daily.PAlive(500, 600, 5000) < 1e-100);
    }

    [Fact]
    public void A_customer_without_repeat_purchases_is_alive_and_expects_what_equation_10_says()
    {
        Assert.Equal(1, Weekly.PAlive(0, 0, 30));
        Assert.Equal(PaperExpectation(Weekly, 39, 0, 0, 30), Weekly.ConditionalExpectedPurchases(39, 0, 0, 30), 1e-12);
    }

    [Fact]
    public void Log_likelihood_matches_equation_6_computed_directly_for_small_counts()
    {
        var m = Weekly;
        static double Beta(double a, double b) => Math.Exp(SpecialFunctions.LogBeta(a, b));
        static double Gamma(double v) => Math.Exp(SpecialFunctions.LogGamma(v));
        const double x = 3, tx = 20, t = 35;
        var a1 = Beta(m.A, m.B + x) / Beta(m.A, m.B) * Gamma(m.R + x) * Math.Pow(m.Alpha, m.R) / (Gamma(m.R) * Math.Pow(m.Alpha + t, m.R + x));
        var a2 = Beta(m.A + 1, m.B + x - 1) / Beta(m.A, m.B) * Gamma(m.R + x) * Math.Pow(m.Alpha, m.R) / (Gamma(m.R) * Math.Pow(m.Alpha + tx, m.R + x));

        Assert.Equal(Math.Log(a1 + a2), m.LogLikelihood(x, tx, t), 1e-12);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(7.25)]
    [InlineData(171.3)]
    public void Log_gamma_and_digamma_match_reference_values(double v)
    {
        // ln Γ by the recurrence from Γ(v + 1) = v Γ(v); ψ by a central difference of ln Γ.
        Assert.Equal(SpecialFunctions.LogGamma(v + 1) - Math.Log(v), SpecialFunctions.LogGamma(v), 1e-12 * Math.Max(1, Math.Abs(SpecialFunctions.LogGamma(v))));
        var h = v * 1e-5;
        var difference = (SpecialFunctions.LogGamma(v + h) - SpecialFunctions.LogGamma(v - h)) / (2 * h);
        Assert.Equal(difference, SpecialFunctions.Digamma(v), Math.Abs(difference) * 1e-6 + 1e-6);
        Assert.Equal(0, SpecialFunctions.LogGamma(1), 1e-14);
        Assert.Equal(-0.5772156649015329, SpecialFunctions.Digamma(1), 1e-14);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI)), SpecialFunctions.LogGamma(0.5), 1e-14);
    }
}
