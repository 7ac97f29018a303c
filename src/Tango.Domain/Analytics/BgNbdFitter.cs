namespace Tango.Domain.Analytics;

/// <summary>Fits <see cref="BgNbd"/> to a customer base by maximum likelihood.</summary>
public static class BgNbdFitter
{
    private static readonly string[] s_names = ["r", "alpha", "a", "b"];

    public static ModelFit<BgNbd> Fit(ReadOnlySpan<CustomerSummary> customers)
    {
        var likelihood = BgNbdLikelihood.Compress(customers);
        // Start where the mean purchase rate r/α matches the observed one, with a dropout mean of one half.
        var rate = Math.Max(likelihood.MeanFrequency, 0.1) / Math.Max(likelihood.MeanT, 1e-3);
        var start = new BgNbd(1, 1 / rate, 1, 1);
        if (likelihood.RepeatCustomers == 0)
        {
            return new ModelFit<BgNbd>(start, double.NaN, 0, false,
                likelihood.Customers == 0 ? "no customers" : "no customer made a repeat purchase: BG/NBD cannot be fitted", likelihood.Customers, null);
        }
        double[] logStart = [Math.Log(start.R), Math.Log(start.Alpha), Math.Log(start.A), Math.Log(start.B)];
        double[,]? curvature = null;
        if (customers.Length >= MaximumLikelihood.WarmStartFrom)
        {
            var sample = BgNbdLikelihood.Compress(MaximumLikelihood.Sample(customers));
            var warm = MaximumLikelihood.Maximize(sample.MeanNegative, s_names, logStart, sample.Customers);
            if (warm.Converged)
            {
                (logStart, curvature) = (warm.LogParameters, warm.Curvature);
            }
        }
        var search = MaximumLikelihood.Maximize(likelihood.MeanNegative, s_names, logStart, likelihood.Customers, curvature);
        var p = search.LogParameters;
        var model = new BgNbd(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
        BgNbd? errors = search.LogStandardErrors is { } e
            ? new BgNbd(model.R * e[0], model.Alpha * e[1], model.A * e[2], model.B * e[3])
            : null;
        var edges = search.Edges ?? [];
        return new ModelFit<BgNbd>(model, search.LogLikelihood, search.Iterations, search.Converged, search.Reason + Meaning(edges),
            likelihood.Customers, errors)
        {
            Edges = edges,
        };
    }

    /// <summary>What the edges BG/NBD is known to run to say about the customers.</summary>
    private static string Meaning(IReadOnlyList<ParameterEdge> edges)
    {
        bool Has(string name, bool towardInfinity) => edges.Contains(new ParameterEdge(name, towardInfinity));
        if (Has("a", false) && Has("b", true))
        {
            // The dropout probability's mean a/(a+b) goes to 0.
            return "; the data show no dropout: in this limit BG/NBD is the NBD model, in which no customer ever leaves, so it cannot say who is alive";
        }
        if (Has("r", true) && Has("alpha", true))
        {
            return "; the customers' purchase rates look alike: in this limit the rate is the same Poisson rate r/alpha for everyone";
        }
        return Has("a", true) && Has("b", true)
            ? "; the customers' dropout probabilities look alike: in this limit every customer has the same one, a/(a+b)"
            : "";
    }
}
