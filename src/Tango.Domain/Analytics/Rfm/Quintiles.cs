using System.Buffers;

namespace Tango.Domain.Analytics.Rfm;

/// <summary>
/// Quintile scores 1–5 over a population. A value scores 1 + ⌊5·b / n⌋, where n is the population size and
/// b the number of values strictly worse than it. Equal values therefore always share a score (the lowest
/// their tie would reach, like SQL RANK()), and with n distinct values and n divisible by five each score
/// holds exactly a fifth of the population.
/// </summary>
public static class Quintiles
{
    /// <summary>Writes the score of <c>values[i]</c> to <c>scores[i]</c>.</summary>
    /// <param name="higherIsBetter">True for frequency and monetary; false for recency in days since the last purchase.</param>
    /// <exception cref="ArgumentException">Lengths differ or a value is NaN.</exception>
    public static void Score(ReadOnlySpan<double> values, Span<byte> scores, bool higherIsBetter)
    {
        if (scores.Length != values.Length)
        {
            throw new ArgumentException("One score slot is needed per value.", nameof(scores));
        }

        var n = values.Length;
        if (n == 0)
        {
            return;
        }

        var rented = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var sorted = rented.AsSpan(0, n);
            values.CopyTo(sorted);
            sorted.Sort();
            // Sort puts NaN first, so one look finds any.
            if (double.IsNaN(sorted[0]))
            {
                throw new ArgumentException("A value is NaN.", nameof(values));
            }

            Span<double> cuts = stackalloc double[4];
            Thresholds(sorted, higherIsBetter, cuts);
            Assign(values, scores, higherIsBetter, cuts);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    // Score ≥ s exactly when b ≥ c = ⌈(s−1)·n/5⌉. With the values sorted ascending that is
    // x > sorted[c−1] when higher is better and x < sorted[n−c] when lower is better, so four
    // comparisons per value replace a rank lookup.
    private static void Thresholds(ReadOnlySpan<double> sorted, bool higherIsBetter, Span<double> cuts)
    {
        var n = (long)sorted.Length;
        for (var s = 2; s <= 5; s++)
        {
            var c = (int)(((s - 1) * n + 4) / 5);
            cuts[s - 2] = higherIsBetter ? sorted[c - 1] : sorted[(int)n - c];
        }
    }

    private static void Assign(ReadOnlySpan<double> values, Span<byte> scores, bool higherIsBetter, ReadOnlySpan<double> cuts)
    {
        double c2 = cuts[0], c3 = cuts[1], c4 = cuts[2], c5 = cuts[3];
        if (higherIsBetter)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var x = values[i];
                scores[i] = (byte)(1 + (x > c2 ? 1 : 0) + (x > c3 ? 1 : 0) + (x > c4 ? 1 : 0) + (x > c5 ? 1 : 0));
            }
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                var x = values[i];
                scores[i] = (byte)(1 + (x < c2 ? 1 : 0) + (x < c3 ? 1 : 0) + (x < c4 ? 1 : 0) + (x < c5 ? 1 : 0));
            }
        }
    }
}
