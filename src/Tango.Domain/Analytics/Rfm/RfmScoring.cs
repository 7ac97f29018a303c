using System.Buffers;

namespace Tango.Domain.Analytics.Rfm;

/// <summary>RFM quintile scores for a population of customers, returned in input order.</summary>
public static class RfmScoring
{
    /// <param name="recencyDays">Time since each customer's last purchase (any unit; fewer is better).</param>
    /// <param name="frequency">Purchases (or purchase days) per customer.</param>
    /// <param name="monetary">Spend per customer (total or mean, as long as it is the same for all).</param>
    public static RfmScore[] Score(ReadOnlySpan<double> recencyDays, ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetary)
    {
        var scores = new RfmScore[recencyDays.Length];
        Score(recencyDays, frequency, monetary, scores);
        return scores;
    }

    /// <summary>Writes customer i's scores to <c>scores[i]</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or hold NaN.</exception>
    public static void Score(ReadOnlySpan<double> recencyDays, ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetary, Span<RfmScore> scores)
    {
        var n = recencyDays.Length;
        if (frequency.Length != n || monetary.Length != n || scores.Length != n)
        {
            throw new ArgumentException("Recency, frequency, monetary and scores must have one entry per customer.");
        }

        var rented = ArrayPool<byte>.Shared.Rent(3 * n);
        try
        {
            var r = rented.AsSpan(0, n);
            var f = rented.AsSpan(n, n);
            var m = rented.AsSpan(2 * n, n);
            Quintiles.Score(recencyDays, r, higherIsBetter: false);
            Quintiles.Score(frequency, f, higherIsBetter: true);
            Quintiles.Score(monetary, m, higherIsBetter: true);
            for (var i = 0; i < n; i++)
            {
                scores[i] = new RfmScore(r[i], f[i], m[i]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Scores from customer-base summaries (as <c>tango analyze</c> writes them): recency for RFM is
    /// <c>T − Recency</c> (last purchase to the end of the calibration period), frequency the repeat purchase
    /// days (ranking them ranks purchase days, repeat + 1, the same) and monetary the mean spend.
    /// </summary>
    public static RfmScore[] ScoreSummaries(ReadOnlySpan<CustomerSummary> summaries)
    {
        var scores = new RfmScore[summaries.Length];
        ScoreSummaries(summaries, scores);
        return scores;
    }

    /// <inheritdoc cref="ScoreSummaries(ReadOnlySpan{CustomerSummary})"/>
    public static void ScoreSummaries(ReadOnlySpan<CustomerSummary> summaries, Span<RfmScore> scores)
    {
        var n = summaries.Length;
        var rented = ArrayPool<double>.Shared.Rent(3 * n);
        try
        {
            var sinceLast = rented.AsSpan(0, n);
            var frequency = rented.AsSpan(n, n);
            var monetary = rented.AsSpan(2 * n, n);
            for (var i = 0; i < n; i++)
            {
                var summary = summaries[i];
                sinceLast[i] = summary.T - summary.Recency;
                frequency[i] = summary.Frequency;
                monetary[i] = summary.Monetary;
            }

            Score(sinceLast, frequency, monetary, scores);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The same as <see cref="ScoreSummaries(ReadOnlySpan{CustomerSummary}, Span{RfmScore})"/>, from the
    /// summary fields held column by column.</summary>
    public static void ScoreSummaries(
        ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> t,
        ReadOnlySpan<double> monetary,
        Span<RfmScore> scores)
    {
        var n = frequency.Length;
        if (recency.Length != n || t.Length != n)
        {
            throw new ArgumentException("Frequency, recency and T must have one entry per customer.");
        }

        var rented = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var sinceLast = rented.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                sinceLast[i] = t[i] - recency[i];
            }

            Score(sinceLast, frequency, monetary, scores);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
