using System.Globalization;

namespace Tango.Domain.Analytics;

/// <summary>A parameter that a fit carried off to the edge of its space, and which edge: 0 or ∞.</summary>
public readonly record struct ParameterEdge(string Name, bool TowardInfinity)
{
    public override string ToString() => $"{Name} → {(TowardInfinity ? "∞" : "0")}";
}

/// <summary>
/// Tells a degenerate fit (one that ran to the edge of its parameter space: the likelihood keeps rising, or stays
/// flat, as some parameters go to 0 or ∞) from a fit that failed for another reason. Wherever the search stopped,
/// each parameter is moved alone a long way down and up (a factor e⁵ ≈ 150); a parameter whose likelihood does not
/// fall on one side is not determined by the data, and its edge is that side (or, flat both ways, the side it was
/// already heading to). The numbers where such a search stopped mean nothing, so they are never reported.
/// </summary>
internal static class FitEdges
{
    private const double Probe = 5;

    // How much the mean negative log-likelihood may rise per customer over a probe and still count as flat. A
    // determined parameter moved by a factor of 150 costs orders of magnitude more.
    private const double Flat = 1e-6;

    /// <param name="x">The log-parameters where the search stopped.</param>
    /// <param name="f">The objective there.</param>
    public static IReadOnlyList<ParameterEdge> Find(Objective objective, string[] names, double[] x, double f)
    {
        var edges = new List<ParameterEdge>();
        var probe = (double[])x.Clone();
        var gradient = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var down = IsFlat(objective, probe, i, x[i] - Probe, gradient, f);
            var up = IsFlat(objective, probe, i, x[i] + Probe, gradient, f);
            probe[i] = x[i];
            if (down || up)
            {
                edges.Add(new ParameterEdge(names[i], up && (!down || x[i] > 0)));
            }
        }
        return edges;
    }

    /// <summary>"degenerate: a → 0, b → ∞: …", the reason a degenerate fit gives.</summary>
    public static string Describe(IReadOnlyList<ParameterEdge> edges)
    {
        var names = edges.Select(e => e.Name).ToList();
        var which = names.Count == 1 ? names[0] : string.Join(", ", names.SkipLast(1)) + " and " + names[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"degenerate: {string.Join(", ", edges)}: the likelihood keeps rising or stays flat towards the edge of the parameter space, so the data do not determine {which}");
    }

    private static bool IsFlat(Objective objective, double[] probe, int i, double value, double[] gradient, double f)
    {
        probe[i] = value;
        var moved = objective(probe, gradient);
        return double.IsFinite(moved) && moved <= f + Flat;
    }
}
