using static Tango.Domain.Analytics.SpecialFunctions;

namespace Tango.Domain.Analytics;

/// <summary>
/// BG/NBD's expectation for a customer alive at T as an integral over the dropout probability, for z so near 1
/// that <see cref="AliveSeries"/> converges too slowly.
/// </summary>
/// <remarks>
/// Alive at T, λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x) independently, and a customer with given λ and p
/// buys (1 − e^(−λpt)) / p times in the next t; averaging over λ gives
/// E = ∫₀¹ (1 − (1 + p·t / (α + T))^−(r+x)) / p · Beta(p; a, b + x) dp.
/// The integrand may be singular at both ends, so it is integrated by tanh-sinh quadrature in the logit of p,
/// every factor in log space, halving the step until two estimates agree.
/// </remarks>
internal static class AliveQuadrature
{
    public static double Expectation(BgNbd model, double t, double x, double bigT)
    {
        var shape = model.R + x;
        var beta = model.B + x;
        var s = t / (model.Alpha + bigT);
        var logNorm = -LogBeta(model.A, beta);

        double Node(double u)
        {
            var w = Math.PI * Math.Sinh(u);
            var logP = -Softplus(-w);
            var logQ = -Softplus(w);
            var p = Math.Exp(logP);
            var bought = -Expm1(-shape * Log1p(p * s));
            if (bought <= 0)
            {
                return 0;
            }
            return Math.Exp(((model.A - 1) * logP) + (beta * logQ) + logNorm + Math.Log(bought) + Math.Log(Math.PI * Math.Cosh(u)));
        }

        var step = 1.0 / 8;
        var sum = Node(0) + Tails(Node, step, offset: 0);
        var estimate = sum * step;
        for (var level = 0; level < 8; level++)
        {
            // The new nodes sit half-way between the old ones.
            sum += Tails(Node, step, offset: step / 2) + Node(step / 2) + Node(-step / 2);
            step /= 2;
            var refined = sum * step;
            if (Math.Abs(refined - estimate) <= 1e-13 * Math.Abs(refined))
            {
                return refined;
            }
            estimate = refined;
        }
        return estimate;
    }

    /// <summary>Σ f(±(offset + k·step)) for k ≥ 1 outwards on both sides, until the terms stop mattering.</summary>
    private static double Tails(Func<double, double> f, double step, double offset)
    {
        var sum = 0.0;
        foreach (var side in (ReadOnlySpan<double>)[1.0, -1.0])
        {
            for (var u = offset + step; u < 10; u += step)
            {
                var value = f(side * u);
                sum += value;
                if (value < 1e-18 * Math.Abs(sum) && u > 1)
                {
                    break;
                }
            }
        }
        return sum;
    }
}
