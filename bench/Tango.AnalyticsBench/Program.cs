using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tango.AnalyticsBench;
using Tango.Domain.Analytics;
using Tango.Domain.Analytics.Rfm;

// dotnet Tango.AnalyticsBench.dll summary COUNT SUMMARY.csv   — draws COUNT customers, times the fits and scoring, writes their summary
// dotnet Tango.AnalyticsBench.dll transactions ROWS FILE.csv  — writes a transaction log of about ROWS rows, in date order
if (args.Length != 3 || args[0] is not ("summary" or "transactions"))
{
    Console.Error.WriteLine("Usage: Tango.AnalyticsBench summary COUNT SUMMARY.csv | transactions ROWS FILE.csv");
    return 2;
}
var count = int.Parse(args[1], CultureInfo.InvariantCulture);
return args[0] == "summary" ? Summary(count, args[2]) : Transactions(count, args[2]);

// Calibration ends 78 weeks after the start: every customer has had at least half a year since joining.
static int Summary(int customers, string path)
{
    var random = new Random(20261124);
    var end = SyntheticBase.Start.AddDays((78 * 7) - 1);
    var summaries = new CustomerSummary[customers];
    var purchases = new List<Transaction>();
    for (var i = 0; i < customers; i++)
    {
        SyntheticBase.Customer(random, end.DayNumber - SyntheticBase.Start.DayNumber, purchases);
        summaries[i] = CustomerSummaries.Summarize(purchases.ToArray(), end, end, TimeUnit.Weeks)!.Value.Summary;
    }
    WriteSummary(path, summaries);

    // Each step three times; the report gives the fastest and the slowest run.
    var fitBgNbd = Time(() => BgNbdFitter.Fit(summaries));
    var fitGammaGamma = Time(() => GammaGammaFitter.Fit(summaries));
    var bg = BgNbdFitter.Fit(summaries);
    var gg = GammaGammaFitter.Fit(summaries);
    var scoreWeeks = Time(() => CustomerValue.Score(bg.Model, gg.Model, summaries, 52, 0.0015));
    var daily = bg.Model with { Alpha = bg.Model.Alpha * 7 };
    var inDays = summaries.Select(s => s with { Recency = s.Recency * 7, T = s.T * 7 }).ToArray();
    var scoreDays = Time(() => CustomerValue.Score(daily, gg.Model, inDays, 365, 0.0002));
    var scoreRfm = Time(() => RfmScoring.ScoreSummaries(summaries));
    var distinct = summaries.Select(s => (s.Frequency, s.Recency, s.T)).Distinct().Count();

    var o = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(o, $$"""
        {
          "customers": {{customers}},
          "repeatCustomers": {{summaries.Count(s => s.Frequency > 0)}},
          "distinctTriples": {{distinct}},
          "bgnbd": { "r": {{bg.Model.R:G6}}, "alpha": {{bg.Model.Alpha:G6}}, "a": {{bg.Model.A:G6}}, "b": {{bg.Model.B:G6}}, "converged": {{(bg.Converged ? "true" : "false")}}, "iterations": {{bg.Iterations}} },
          "gammaGamma": { "p": {{gg.Model.P:G6}}, "q": {{gg.Model.Q:G6}}, "v": {{gg.Model.V:G6}}, "converged": {{(gg.Converged ? "true" : "false")}}, "iterations": {{gg.Iterations}} },
          "fitBgnbdSeconds": [{{fitBgNbd.Min:F3}}, {{fitBgNbd.Max:F3}}],
          "fitGammaGammaSeconds": [{{fitGammaGamma.Min:F3}}, {{fitGammaGamma.Max:F3}}],
          "scoreWeeks52Seconds": [{{scoreWeeks.Min:F3}}, {{scoreWeeks.Max:F3}}],
          "scoreDays365Seconds": [{{scoreDays.Min:F3}}, {{scoreDays.Max:F3}}],
          "rfmSeconds": [{{scoreRfm.Min:F3}}, {{scoreRfm.Max:F3}}]
        }
        """));
    return bg.Converged && gg.Converged ? 0 : 1;
}

static int Transactions(int rows, string path)
{
    var random = new Random(20261125);
    const int lastDay = (2 * 365) - 1;
    var (customer, day, amount) = (new int[rows], new int[rows], new double[rows]);
    var purchases = new List<Transaction>();
    var (n, c) = (0, 0);
    for (; n < rows; c++)
    {
        SyntheticBase.Customer(random, lastDay, purchases);
        foreach (var p in purchases)
        {
            if (n == rows)
            {
                break;
            }
            (customer[n], day[n], amount[n]) = (c, p.Day, p.Amount);
            n++;
        }
    }
    // A real log is in time order, with the customers interleaved.
    var order = Enumerable.Range(0, rows).ToArray();
    Array.Sort((int[])day.Clone(), order);
    using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    file.Write("customer_id,date,amount\n"u8);
    var line = new byte[64];
    foreach (var i in order)
    {
        var used = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"C{customer[i]:D7},{DateOnly.FromDayNumber(day[i]):yyyy-MM-dd},{amount[i]:F2}\n"), line);
        file.Write(line, 0, used);
    }
    Console.Error.WriteLine($"{rows:N0} rows of {c:N0} customers, {SyntheticBase.Start:yyyy-MM-dd} to {SyntheticBase.Start.AddDays(lastDay):yyyy-MM-dd}");
    return 0;
}

static void WriteSummary(string path, CustomerSummary[] summaries)
{
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write("customer_id,frequency,recency,T,monetary\n");
    for (var i = 0; i < summaries.Length; i++)
    {
        var s = summaries[i];
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"C{i:D7},{s.Frequency},{s.Recency:R},{s.T:R},{s.Monetary:R}\n"));
    }
}

static (double Min, double Max) Time(Action work)
{
    var seconds = new double[3];
    for (var i = 0; i < seconds.Length; i++)
    {
        var clock = Stopwatch.StartNew();
        work();
        seconds[i] = clock.Elapsed.TotalSeconds;
    }
    return (seconds.Min(), seconds.Max());
}
