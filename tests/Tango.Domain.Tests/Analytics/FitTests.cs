using Tango.Domain.Analytics;

namespace Tango.Domain.Tests.Analytics;

public sealed class FitTests
{
    private static readonly BgNbd TruePurchases = new(0.5, 6, 0.7, 2.5);
    private static readonly GammaGamma TrueSpend = new(6, 4, 15);

    private static CustomerSummary[] Simulate(int customers, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, customers).Select(_ =>
            CustomerBaseSimulation.Summary(TruePurchases, TrueSpend, 20 + (32 * random.NextDouble()), random))];
    }

    private static void Within(double truth, double estimate, double standardError, string name)
    {
        // Four standard errors: a correct fit fails this about once in 16,000 draws.
        Assert.True(Math.Abs(estimate - truth) < 4 * standardError, $"{name}: {estimate} ± {standardError}, true {truth}");
    }

    [Fact]
    public void Bgnbd_fit_on_data_drawn_from_known_parameters_recovers_them()
    {
        var fit = BgNbdFitter.Fit(Simulate(20_000, seed: 7));

        Assert.True(fit.Converged, fit.Reason);
        var se = fit.StandardErrors!.Value;
        Within(TruePurchases.R, fit.Model.R, se.R, "r");
        Within(TruePurchases.Alpha, fit.Model.Alpha, se.Alpha, "alpha");
        Within(TruePurchases.A, fit.Model.A, se.A, "a");
        Within(TruePurchases.B, fit.Model.B, se.B, "b");
        // The errors are small enough for the check to mean something.
        Assert.True(se.R < 0.1 * TruePurchases.R && se.A < 0.3 * TruePurchases.A, fit.ToString());
    }

    [Fact]
    public void Gamma_gamma_fit_on_spend_drawn_from_known_parameters_recovers_them()
    {
        var fit = GammaGammaFitter.Fit(Simulate(40_000, seed: 11));

        Assert.True(fit.Converged, fit.Reason);
        var se = fit.StandardErrors!.Value;
        Within(TrueSpend.P, fit.Model.P, se.P, "p");
        Within(TrueSpend.Q, fit.Model.Q, se.Q, "q");
        Within(TrueSpend.V, fit.Model.V, se.V, "v");
        Assert.True(se.Q < 0.1 * TrueSpend.Q, fit.ToString());
    }

    [Fact]
    public void Bgnbd_fit_without_any_repeat_purchase_reports_not_converged()
    {
        var fit = BgNbdFitter.Fit([new(0, 0, 10, 0), new(0, 0, 20, 0), new(0, 0, 30, 0)]);

        Assert.False(fit.Converged);
        Assert.Contains("repeat purchase", fit.Reason, StringComparison.Ordinal);
        Assert.Null(fit.StandardErrors);
    }

    [Fact]
    public void Bgnbd_fit_on_customers_who_never_drop_out_is_degenerate_and_says_what_that_means()
    {
        // A dropout probability of 0 for everyone: the likelihood rises all the way to a → 0, b → ∞.
        var random = new Random(5);
        var neverLeave = new BgNbd(0.5, 6, 1e-12, 1e12);
        CustomerSummary[] customers = [.. Enumerable.Range(0, 5_000).Select(_ => CustomerBaseSimulation.Summary(neverLeave, null, 20 + (32 * random.NextDouble()), random))];

        var fit = BgNbdFitter.Fit(customers);

        Assert.False(fit.Converged, fit.ToString());
        Assert.True(fit.Degenerate);
        Assert.Equal([new ParameterEdge("a", false), new ParameterEdge("b", true)], fit.Edges);
        Assert.StartsWith("degenerate: a → 0, b → ∞: ", fit.Reason, StringComparison.Ordinal);
        Assert.Contains("no dropout", fit.Reason, StringComparison.Ordinal);
        Assert.Null(fit.StandardErrors);
    }

    [Fact]
    public void A_fit_that_converges_is_not_degenerate()
    {
        var fit = BgNbdFitter.Fit(Simulate(5_000, seed: 3));

        Assert.True(fit.Converged, fit.Reason);
        Assert.False(fit.Degenerate);
        Assert.Empty(fit.Edges);
    }

    [Fact]
    public void Bgnbd_fit_on_identical_customers_reports_not_converged()
    {
        // One kind of customer cannot separate purchase-rate heterogeneity from dropout.
        var fit = BgNbdFitter.Fit([.. Enumerable.Repeat(new CustomerSummary(2, 10, 20, 5), 100)]);

        Assert.False(fit.Converged, fit.ToString());
        Assert.False(string.IsNullOrEmpty(fit.Reason));
    }

    [Fact]
    public void Gamma_gamma_fit_on_identical_spend_reports_not_converged()
    {
        // No spread in spend across customers: q and v run off to infinity together.
        var fit = GammaGammaFitter.Fit([.. Enumerable.Range(1, 200).Select(i => new CustomerSummary(1 + (i % 5), 10, 20, 25))]);

        Assert.False(fit.Converged, fit.ToString());
        Assert.Contains("ran off", fit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gamma_gamma_fit_without_repeat_customers_reports_not_converged()
    {
        var fit = GammaGammaFitter.Fit([new(0, 0, 10, 0), new(1, 5, 10, 0)]);

        Assert.False(fit.Converged);
        Assert.Equal(0, fit.Customers);
    }
}
