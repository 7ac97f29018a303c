using System.Numerics;
using static Tango.Domain.Analytics.SpecialFunctions;

namespace Tango.Domain.Analytics;

/// <summary>Fits <see cref="GammaGamma"/> by maximum likelihood on the customers with a repeat purchase and positive spend.</summary>
public static class GammaGammaFitter
{
    private static readonly string[] s_names = ["p", "q", "v"];

    public static ModelFit<GammaGamma> Fit(ReadOnlySpan<CustomerSummary> customers)
    {
        var likelihood = new GammaGammaLikelihood(customers);
        // Start at p = 1, q = 2, where the population mean p·v/(q − 1) is v: the observed mean spend.
        var start = new GammaGamma(1, 2, Math.Max(likelihood.MeanSpend, 1e-6));
        if (likelihood.Customers < 2)
        {
            return new ModelFit<GammaGamma>(start, double.NaN, 0, false,
                "fewer than two customers with a repeat purchase and positive spend: Gamma-Gamma cannot be fitted", likelihood.Customers, null);
        }
        double[] logStart = [0, Math.Log(2), Math.Log(start.V)];
        double[,]? curvature = null;
        if (likelihood.Customers >= MaximumLikelihood.WarmStartFrom)
        {
            var sample = new GammaGammaLikelihood(MaximumLikelihood.Sample(customers));
            var warm = MaximumLikelihood.Maximize(sample.MeanNegative, s_names, logStart, sample.Customers);
            if (warm.Converged)
            {
                (logStart, curvature) = (warm.LogParameters, warm.Curvature);
            }
        }
        var search = MaximumLikelihood.Maximize(likelihood.MeanNegative, s_names, logStart, likelihood.Customers, curvature);
        var l = search.LogParameters;
        var model = new GammaGamma(Math.Exp(l[0]), Math.Exp(l[1]), Math.Exp(l[2]));
        GammaGamma? errors = search.LogStandardErrors is { } e ? new GammaGamma(model.P * e[0], model.Q * e[1], model.V * e[2]) : null;
        return new ModelFit<GammaGamma>(model, search.LogLikelihood, search.Iterations, search.Converged, search.Reason, likelihood.Customers, errors)
        {
            Edges = search.Edges ?? [],
        };
    }

    /// <summary>
    /// The log-likelihood of the repeat customers. Terms of x alone are summed once per distinct x and the
    /// logarithms of m once in all, leaving one ln(x·m + v) per customer and evaluation.
    /// </summary>
    private sealed class GammaGammaLikelihood
    {
        private readonly double[] _x, _xCount, _customerX, _customerM;
        private readonly double _sumXLogM, _sumLogM, _sumXLogX;

        public GammaGammaLikelihood(ReadOnlySpan<CustomerSummary> customers)
        {
            var xIndex = new Dictionary<double, int>();
            var xCount = new List<double>();
            var (customerX, customerM) = (new List<double>(), new List<double>());
            var spend = 0.0;
            foreach (var c in customers)
            {
                if (c.Frequency <= 0 || !(c.Monetary > 0))
                {
                    continue;
                }
                if (!xIndex.TryGetValue(c.Frequency, out var xi))
                {
                    xIndex.Add(c.Frequency, xi = xIndex.Count);
                    xCount.Add(0);
                }
                xCount[xi]++;
                customerX.Add(c.Frequency);
                customerM.Add(c.Monetary);
                var logM = Math.Log(c.Monetary);
                _sumXLogM += c.Frequency * logM;
                _sumLogM += logM;
                _sumXLogX += c.Frequency * Math.Log(c.Frequency);
                spend += c.Monetary;
            }
            _x = new double[xIndex.Count];
            foreach (var (x, i) in xIndex)
            {
                _x[i] = x;
            }
            (_xCount, _customerX, _customerM) = ([.. xCount], [.. customerX], [.. customerM]);
            Customers = _customerX.Length;
            MeanSpend = Customers == 0 ? 0 : spend / Customers;
        }

        public int Customers { get; }

        public double MeanSpend { get; }

        /// <summary>The mean negative log-likelihood at (ln p, ln q, ln v) and its gradient there.</summary>
        public double MeanNegative(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            var (p, q, v) = (Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]));
            var n = (double)Customers;
            // Σ over customers of ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px − 1) ln m + px ln x − (px+q) ln(xm + v).
            var ll = (n * ((q * Math.Log(v)) - LogGamma(q))) + (p * (_sumXLogM + _sumXLogX)) - _sumLogM;
            var dp = _sumXLogM + _sumXLogX;
            var dq = n * (Math.Log(v) - Digamma(q));
            var dv = n * q / v;
            for (var i = 0; i < _x.Length; i++)
            {
                var (x, c) = (_x[i], _xCount[i]);
                ll += c * (LogGamma((p * x) + q) - LogGamma(p * x));
                var psi = Digamma((p * x) + q);
                dp += c * x * (psi - Digamma(p * x));
                dq += c * psi;
            }
            var sums = ChunkedSum.Sum(Customers, (from, to) =>
            {
                double ll = 0, dp = 0, dq = 0, dv = 0;
                for (var i = from; i < to; i++)
                {
                    var x = _customerX[i];
                    var total = (x * _customerM[i]) + v;
                    var logTotal = Math.Log(total);
                    var shape = (p * x) + q;
                    ll -= shape * logTotal;
                    dp -= x * logTotal;
                    dq -= logTotal;
                    dv -= shape / total;
                }
                return new Sums(ll, dp, dq, dv);
            });
            gradient[0] = -(dp + sums.Dp) * p / n;
            gradient[1] = -(dq + sums.Dq) * q / n;
            gradient[2] = -(dv + sums.Dv) * v / n;
            return -(ll + sums.Ll) / n;
        }

        private readonly record struct Sums(double Ll, double Dp, double Dq, double Dv) : IAdditionOperators<Sums, Sums, Sums>
        {
            public static Sums operator +(Sums l, Sums r) => new(l.Ll + r.Ll, l.Dp + r.Dp, l.Dq + r.Dq, l.Dv + r.Dv);
        }
    }
}
