using System.Numerics;
using System.Runtime.InteropServices;
using static Tango.Domain.Analytics.SpecialFunctions;

namespace Tango.Domain.Analytics;

/// <summary>
/// The BG/NBD log-likelihood of a whole customer base and its gradient, over the distinct (x, tx, T) triples.
/// </summary>
/// <remarks>
/// Purchase days are whole days, so a large base has far fewer distinct triples than customers. Terms that
/// depend on x alone are summed once per distinct x, logarithms of α + T and α + tx once per distinct value,
/// and only the log-sum-exp of the two likelihood branches is left per triple.
/// </remarks>
internal sealed class BgNbdLikelihood
{
    private readonly double[] _x;       // distinct frequencies
    private readonly double[] _xCount;  // customers per distinct frequency
    private readonly double[] _t;       // distinct T values
    private readonly double[] _tx;      // distinct recencies
    private readonly double[] _zeroCount; // customers with x = 0, per distinct T
    private readonly int[] _groupX, _groupT, _groupTx;
    private readonly double[] _groupCount;

    private BgNbdLikelihood(double[] x, double[] xCount, double[] t, double[] tx, double[] zeroCount,
        int[] groupX, int[] groupT, int[] groupTx, double[] groupCount, int customers, int repeatCustomers)
    {
        (_x, _xCount, _t, _tx, _zeroCount) = (x, xCount, t, tx, zeroCount);
        (_groupX, _groupT, _groupTx, _groupCount) = (groupX, groupT, groupTx, groupCount);
        (Customers, RepeatCustomers) = (customers, repeatCustomers);
    }

    public int Customers { get; }

    public int RepeatCustomers { get; }

    public int Groups => _groupCount.Length;

    public double MeanT { get; private init; }

    public double MeanFrequency { get; private init; }

    public static BgNbdLikelihood Compress(ReadOnlySpan<CustomerSummary> customers)
    {
        // One lookup per customer; the distinct values are indexed afterwards, per triple.
        var triples = new Dictionary<(double X, double Tx, double T), int>();
        double sumT = 0, sumX = 0;
        foreach (var c in customers)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(triples, (c.Frequency, c.Recency, c.T), out _);
            count++;
            (sumT, sumX) = (sumT + c.T, sumX + c.Frequency);
        }

        var xIndex = new Dictionary<double, int>();
        var tIndex = new Dictionary<double, int>();
        var txIndex = new Dictionary<double, int>();
        var (xCount, zeroCount) = (new List<double>(), new List<double>());
        var (gx, gt, gtx, groupCount) = (new List<int>(), new List<int>(), new List<int>(), new List<double>());
        var repeat = 0;
        foreach (var ((x, tx, t), count) in triples)
        {
            var xi = Index(xIndex, x, xCount);
            xCount[xi] += count;
            var ti = Index(tIndex, t, zeroCount);
            if (x == 0)
            {
                zeroCount[ti] += count;
                continue;
            }
            repeat += count;
            gx.Add(xi);
            gt.Add(ti);
            gtx.Add(Index(txIndex, tx, null));
            groupCount.Add(count);
        }
        return new BgNbdLikelihood(Keys(xIndex), [.. xCount], Keys(tIndex), Keys(txIndex), [.. zeroCount],
            [.. gx], [.. gt], [.. gtx], [.. groupCount], customers.Length, repeat)
        {
            MeanT = customers.IsEmpty ? 0 : sumT / customers.Length,
            MeanFrequency = customers.IsEmpty ? 0 : sumX / customers.Length,
        };
    }

    /// <summary>The mean negative log-likelihood at (ln r, ln α, ln a, ln b) and its gradient there.</summary>
    public double MeanNegative(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        var (r, alpha, a, b) = (Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]), Math.Exp(logParameters[3]));
        var n = (double)Customers;

        // Terms of x alone, and the population terms: ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b).
        double ll = n * ((r * Math.Log(alpha)) - LogGamma(r) - LogBeta(a, b));
        double dr = n * (Math.Log(alpha) - Digamma(r)), dAlpha = n * r / alpha;
        double da = n * Digamma(a + b), db = n * (Digamma(a + b) - Digamma(b));
        var logB1 = new double[_x.Length];
        var invB1 = new double[_x.Length];
        for (var i = 0; i < _x.Length; i++)
        {
            var (x, c) = (_x[i], _xCount[i]);
            ll += c * (LogGamma(r + x) + LogBeta(a, b + x));
            dr += c * Digamma(r + x);
            var psiAll = Digamma(a + b + x);
            da -= c * psiAll;
            db += c * (Digamma(b + x) - psiAll);
            logB1[i] = x > 0 ? Math.Log(b + x - 1) : 0;
            invB1[i] = x > 0 ? 1 / (b + x - 1) : 0;
        }

        var (logT, invT) = Shifted(_t, alpha);
        var (logTx, invTx) = Shifted(_tx, alpha);
        for (var i = 0; i < _t.Length; i++)
        {
            // x = 0: the only branch is −r ln(α + T).
            var c = _zeroCount[i];
            ll -= c * r * logT[i];
            dr -= c * logT[i];
            dAlpha -= c * r * invT[i];
        }

        var sums = SumGroups(r, a, Math.Log(a), logB1, invB1, logT, invT, logTx, invTx);
        ll += sums.Ll;
        dr += sums.Dr;
        dAlpha += sums.DAlpha;
        da += sums.Da;
        db += sums.Db;

        // Chain rule to log-parameters, and to the mean negative.
        gradient[0] = -dr * r / n;
        gradient[1] = -dAlpha * alpha / n;
        gradient[2] = -da * a / n;
        gradient[3] = -db * b / n;
        return -ll / n;
    }

    private readonly record struct GroupSums(double Ll, double Dr, double DAlpha, double Da, double Db) : IAdditionOperators<GroupSums, GroupSums, GroupSums>
    {
        public static GroupSums operator +(GroupSums l, GroupSums r) => new(l.Ll + r.Ll, l.Dr + r.Dr, l.DAlpha + r.DAlpha, l.Da + r.Da, l.Db + r.Db);
    }

    private GroupSums SumGroups(double r, double a, double logA, double[] logB1, double[] invB1,
        double[] logT, double[] invT, double[] logTx, double[] invTx)
    {
        GroupSums Range(int from, int to)
        {
            double ll = 0, dr = 0, dAlpha = 0, da = 0, db = 0;
            for (var g = from; g < to; g++)
            {
                int xi = _groupX[g], ti = _groupT[g], txi = _groupTx[g];
                var c = _groupCount[g];
                var shape = r + _x[xi];
                // Branch 1 (dropped out after the last purchase): −(r+x) ln(α+T); branch 2 (alive until tx and
                // then gone): ln a − ln(b+x−1) − (r+x) ln(α+tx). The weight s of branch 2 drives the gradient.
                var died = -shape * logT[ti];
                var difference = logA - logB1[xi] + (shape * (logT[ti] - logTx[txi]));
                // Softplus and sigmoid of the difference from one exponential.
                var e = Math.Exp(-Math.Abs(difference));
                var s = difference >= 0 ? 1 / (1 + e) : e / (1 + e);
                ll += c * (died + Math.Max(difference, 0) + Math.Log(1 + e));
                dr += c * (-logT[ti] + (s * (logT[ti] - logTx[txi])));
                dAlpha += c * shape * (-invT[ti] + (s * (invT[ti] - invTx[txi])));
                da += c * s / a;
                db -= c * s * invB1[xi];
            }
            return new GroupSums(ll, dr, dAlpha, da, db);
        }

        return ChunkedSum.Sum(Groups, Range);
    }

    private static (double[] Log, double[] Inverse) Shifted(double[] values, double alpha)
    {
        var (log, inverse) = (new double[values.Length], new double[values.Length]);
        for (var i = 0; i < values.Length; i++)
        {
            log[i] = Math.Log(alpha + values[i]);
            inverse[i] = 1 / (alpha + values[i]);
        }
        return (log, inverse);
    }

    private static int Index(Dictionary<double, int> index, double value, List<double>? counts)
    {
        if (!index.TryGetValue(value, out var i))
        {
            index.Add(value, i = index.Count);
            counts?.Add(0);
        }
        return i;
    }

    private static double[] Keys(Dictionary<double, int> index)
    {
        var keys = new double[index.Count];
        foreach (var (value, i) in index)
        {
            keys[i] = value;
        }
        return keys;
    }
}
