namespace Tango.Domain.Analytics;

/// <summary>The value and gradient of a mean negative log-likelihood at the log of the parameters.</summary>
internal delegate double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient);

/// <summary>Where a maximum-likelihood search ended, in log-parameters.</summary>
/// <param name="Curvature">The inverse Hessian of the mean negative log-likelihood at a converged answer.</param>
/// <param name="Edges">For a search that ran to the edge of the parameter space, the parameters that went there.</param>
internal sealed record SearchResult(double[] LogParameters, double LogLikelihood, int Iterations, bool Converged, string Reason,
    double[]? LogStandardErrors, double[,]? Curvature = null, IReadOnlyList<ParameterEdge>? Edges = null);

/// <summary>
/// Maximises a likelihood over the logs of its positive parameters with BFGS and a backtracking line search,
/// then checks that the answer is a proper maximum: the observed information must be positive definite. A search that
/// fails is asked whether it was running to the edge of the parameter space (<see cref="FitEdges"/>), and then says so.
/// </summary>
internal static class MaximumLikelihood
{
    private const int MaxIterations = 500;
    private const double GradientTolerance = 1e-9;
    private const double MaxStep = 2;
    // e^±25 is about 7e10 and 1e-11: a parameter this far out is running off to 0 or ∞.
    private const double MaxLogParameter = 25;

    /// <summary>Fits a systematic sample first when the base is this large, to start near the answer.</summary>
    public const int WarmStartFrom = 200_000;
    public const int SampleSize = 50_000;

    /// <summary>Every k-th customer, about <see cref="SampleSize"/> of them.</summary>
    public static CustomerSummary[] Sample(ReadOnlySpan<CustomerSummary> customers)
    {
        var step = Math.Max(1, customers.Length / SampleSize);
        var sample = new CustomerSummary[customers.Length / step];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = customers[i * step];
        }
        return sample;
    }

    /// <param name="objective">The mean negative log-likelihood per customer, so tolerances do not depend on the count.</param>
    /// <param name="curvature">A starting inverse Hessian, e.g. a sample's: with a per-customer mean it is close
    /// to the full base's, so the first steps are already Newton steps.</param>
    public static SearchResult Maximize(Objective objective, string[] names, double[] start, int customers, double[,]? curvature = null)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var f = objective(x, g);
        if (!double.IsFinite(f) || !g.All(double.IsFinite))
        {
            return new SearchResult(x, -f * customers, 0, false, "the likelihood is not finite at the starting point", null);
        }
        var h = curvature is null ? Identity(n) : (double[,])curvature.Clone();
        var (trial, trialGradient, direction) = (new double[n], new double[n], new double[n]);
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                direction[i] = -Dot(h, i, g);
            }
            if (Dot(direction, g) >= 0)
            {
                // The curvature estimate went bad: start again from steepest descent.
                h = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }
            }
            var step = Math.Min(1, MaxStep / direction.Max(Math.Abs));
            var slope = Dot(direction, g);
            if (-slope < 1e-15 * (1 + Math.Abs(f)) && g.Max(Math.Abs) < 1e-6)
            {
                // The best step would lower the objective by less than its rounding error: this is the answer.
                return Finish(objective, names, x, g, f, iteration, customers);
            }
            double trialValue;
            while (true)
            {
                for (var i = 0; i < n; i++)
                {
                    trial[i] = x[i] + (step * direction[i]);
                }
                trialValue = objective(trial, trialGradient);
                if (double.IsFinite(trialValue) && trialValue <= f + (1e-4 * step * slope))
                {
                    break;
                }
                step /= 2;
                if (step * direction.Max(Math.Abs) < 1e-14)
                {
                    // No step lowers the objective any more. At a flat gradient that is the limit of
                    // floating-point precision; anywhere else the search is stuck.
                    return g.Max(Math.Abs) < 1e-6
                        ? Finish(objective, names, x, g, f, iteration, customers)
                        : Failed(objective, names, x, f, iteration, customers, "the line search could not improve the likelihood");
                }
            }

            Update(h, trial, x, trialGradient, g);
            Array.Copy(trial, x, n);
            Array.Copy(trialGradient, g, n);
            f = trialValue;
            var runaway = Array.FindIndex(x, v => Math.Abs(v) > MaxLogParameter);
            if (runaway >= 0)
            {
                var where = x[runaway] > 0 ? "infinity" : "zero";
                return Failed(objective, names, x, f, iteration, customers, $"{names[runaway]} ran off towards {where}: the data do not determine it");
            }
            if (g.Max(Math.Abs) < GradientTolerance)
            {
                return Finish(objective, names, x, g, f, iteration, customers);
            }
        }
        return Failed(objective, names, x, f, MaxIterations, customers, $"no convergence in {MaxIterations} iterations");
    }

    /// <summary>A search that did not converge: degenerate when it was running to the edge of the parameter space.</summary>
    private static SearchResult Failed(Objective objective, string[] names, double[] x, double f, int iterations, int customers, string reason)
    {
        var edges = FitEdges.Find(objective, names, x, f);
        return edges.Count == 0
            ? new SearchResult(x, -f * customers, iterations, false, reason, null)
            : new SearchResult(x, -f * customers, iterations, false, FitEdges.Describe(edges), null, null, edges);
    }

    /// <summary>Accepts a stationary point only if the observed information there is positive definite.</summary>
    private static SearchResult Finish(Objective objective, string[] names, double[] x, double[] g, double f, int iterations, int customers)
    {
        var information = ObservedInformation(objective, x, g);
        var inverse = Cholesky.Inverse(information);
        if (inverse is null)
        {
            return Failed(objective, names, x, f, iterations, customers,
                "the likelihood is flat or not at a maximum there: the parameters are not identified by the data");
        }
        var errors = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            errors[i] = Math.Sqrt(inverse[i, i] / customers);
        }
        return new SearchResult(x, -f * customers, iterations, true,
            $"converged: gradient below {GradientTolerance:g1} per customer, observed information positive definite", errors, inverse);
    }

    /// <summary>The Hessian of the mean negative log-likelihood by forward differences of its gradient.</summary>
    private static double[,] ObservedInformation(Objective objective, double[] x, double[] g)
    {
        const double h = 1e-6;
        var n = x.Length;
        var result = new double[n, n];
        var (shiftedGradient, shifted) = (new double[n], (double[])x.Clone());
        for (var j = 0; j < n; j++)
        {
            shifted[j] = x[j] + h;
            objective(shifted, shiftedGradient);
            shifted[j] = x[j];
            for (var i = 0; i < n; i++)
            {
                result[i, j] = (shiftedGradient[i] - g[i]) / h;
            }
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                result[i, j] = result[j, i] = (result[i, j] + result[j, i]) / 2;
            }
        }
        return result;
    }

    /// <summary>The BFGS update of the inverse Hessian, skipped when the step shows no positive curvature.</summary>
    private static void Update(double[,] h, double[] next, double[] x, double[] nextGradient, double[] g)
    {
        var n = x.Length;
        var s = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            s[i] = next[i] - x[i];
            y[i] = nextGradient[i] - g[i];
        }
        var sy = Dot(s, y);
        if (sy <= 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
        {
            return;
        }
        var hy = new double[n];
        for (var i = 0; i < n; i++)
        {
            hy[i] = Dot(h, i, y);
        }
        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i, j] += (((sy + yhy) * s[i] * s[j]) / (sy * sy)) - (((hy[i] * s[j]) + (s[i] * hy[j])) / sy);
            }
        }
    }

    private static double[,] Identity(int n)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            h[i, i] = 1;
        }
        return h;
    }

    private static double Dot(double[] left, double[] right)
    {
        var sum = 0.0;
        for (var i = 0; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }
        return sum;
    }

    private static double Dot(double[,] matrix, int row, double[] vector)
    {
        var sum = 0.0;
        for (var j = 0; j < vector.Length; j++)
        {
            sum += matrix[row, j] * vector[j];
        }
        return sum;
    }
}
