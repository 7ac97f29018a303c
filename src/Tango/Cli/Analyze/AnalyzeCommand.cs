using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

internal sealed record HoldoutResult(DateOnly From, DateOnly To, double Length, IReadOnlyList<HoldoutGroup> Groups);

internal sealed record Analysis(
    AnalyzeOptions Options,
    string Kind,
    DateOnly? CalibrationEnd,
    CustomerSummary[] Summaries,
    ModelFit<BgNbd> BgNbd,
    ModelFit<GammaGamma>? GammaGamma,
    HoldoutResult? Holdout,
    int HoldoutOnly = 0);

/// <summary>
/// `tango analyze FILE.csv`: customer-base analysis of a transaction log (or of a ready summary) with BG/NBD and
/// Gamma-Gamma, written to summary.csv, model.json and customers.csv. No server and no store are involved.
/// </summary>
public static class AnalyzeCommand
{
    public const int BadInput = 1;
    public const int BadOptions = 2;
    public const int NotConverged = 3;

    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["analyze", .. args]);

    public static Command Create() => AnalyzeOptions.Command(Run);

    private static int Run(AnalyzeOptions options)
    {
        var clock = Stopwatch.StartNew();
        AnalysisInput input;
        try
        {
            input = WithProgress($"Reading {Path.GetFileName(options.File)}", new FileInfo(options.File).Length, progress => AnalysisInput.Read(options, progress));
        }
        catch (InputError e)
        {
            Console.Error.WriteLine($"tango analyze: {options.File}: {e.Message}. Nothing was written.");
            return BadInput;
        }
        Stage(clock, $"read {input.Rows:N0} rows, {input.Summaries.Length:N0} customers");

        var bgNbd = BgNbdFitter.Fit(input.Summaries);
        var gammaGamma = input.HasMonetary ? GammaGammaFitter.Fit(input.Summaries) : null;
        Stage(clock, "fitted BG/NBD and Gamma-Gamma");
        var analysis = new Analysis(options, input.Kind, input.CalibrationEnd, input.Summaries, bgNbd, gammaGamma, Holdout(input, bgNbd, options.Unit),
            input.HoldoutOnly);
        AnalysisWarnings.Write(analysis);

        Directory.CreateDirectory(options.OutDirectory);
        AnalysisFiles.WriteSummary(Path.Combine(options.OutDirectory, "summary.csv"), input.Ids, input.Summaries);
        ModelJson.Write(Path.Combine(options.OutDirectory, "model.json"), analysis);
        var written = "summary.csv, model.json";
        if (bgNbd.Converged)
        {
            var spend = gammaGamma is { Converged: true } ? gammaGamma.Model : (GammaGamma?)null;
            var scores = CustomerValue.Score(bgNbd.Model, spend, input.Summaries, options.Horizon, options.DiscountRate);
            AnalysisFiles.WriteCustomers(Path.Combine(options.OutDirectory, "customers.csv"), input.Ids, scores, RfmColumn.Segments(input.Summaries));
            written += ", customers.csv";
        }
        Stage(clock, "scored and wrote");

        Report(analysis, input);
        Console.WriteLine($"Wrote {written} to {Path.GetFullPath(options.OutDirectory)}.");
        return bgNbd.Converged && gammaGamma is null or { Converged: true } ? 0 : NotConverged;
    }

    private static HoldoutResult? Holdout(AnalysisInput input, ModelFit<BgNbd> fit, TimeUnit unit)
    {
        if (!fit.Converged || input is not { Histories: { } histories, CalibrationEnd: { } end, LastDay: { } last } || last <= end)
        {
            return null;
        }
        var length = unit.FromDays(last.DayNumber - end.DayNumber);
        return new HoldoutResult(end.AddDays(1), last, length, HoldoutCheck.Build(fit.Model, histories, length));
    }

    private static void Report(Analysis analysis, AnalysisInput input)
    {
        var calibration = analysis.CalibrationEnd is { } end ? $", calibration period to {end:yyyy-MM-dd}" : "";
        Console.WriteLine($"{input.Summaries.Length:N0} customers from {input.Rows:N0} rows{calibration}, in {(analysis.Options.Unit == TimeUnit.Weeks ? "weeks" : "days")}.");
        var b = analysis.BgNbd;
        Console.WriteLine(b.Converged
            ? F($"BG/NBD: r = {b.Model.R:G6}, alpha = {b.Model.Alpha:G6}, a = {b.Model.A:G6}, b = {b.Model.B:G6}, log-likelihood {b.LogLikelihood:F2} ({b.Iterations} iterations).")
            : Failure("BG/NBD", b));
        if (analysis.GammaGamma is not { } g)
        {
            Console.WriteLine("Gamma-Gamma: no monetary column, so no spend model and no CLV.");
        }
        else
        {
            Console.WriteLine(g.Converged
                ? F($"Gamma-Gamma: p = {g.Model.P:G6}, q = {g.Model.Q:G6}, v = {g.Model.V:G6} on {g.Customers:N0} repeat customers.")
                : Failure("Gamma-Gamma", g) + " CLV is left empty.");
            if (g.Converged && g.Model.Q <= 1)
            {
                Console.WriteLine("Gamma-Gamma's q is at most 1: mean spend is not finite, so CLV is left empty.");
            }
        }
        if (analysis.Holdout is { } h)
        {
            Console.WriteLine(F($"Holdout {h.From:yyyy-MM-dd} to {h.To:yyyy-MM-dd}: {h.Groups[^1].Actual:F3} repeat purchase days per customer counted, {h.Groups[^1].Predicted:F3} predicted (by frequency in model.json)."));
        }
    }

    /// <summary>"BG/NBD did not converge: …", or for a degenerate fit "BG/NBD degenerate: a → 0, …".</summary>
    private static string Failure<T>(string model, ModelFit<T> fit)
        where T : struct => fit.Degenerate ? $"{model} {fit.Reason}." : $"{model} did not converge: {fit.Reason}.";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Stage(Stopwatch clock, string what) =>
        Console.Error.WriteLine(F($"tango analyze: {what} ({clock.Elapsed.TotalSeconds:F1} s)"));

    /// <summary>A progress bar on stderr for big files when someone is watching; otherwise just the work.</summary>
    private static T WithProgress<T>(string title, long bytes, Func<Action<long>, T> work)
    {
        if (Console.IsErrorRedirected || bytes < (64 << 20))
        {
            return work(_ => { });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().Start(context =>
        {
            var task = context.AddTask(title, maxValue: bytes);
            var result = work(position => task.Value = position);
            task.Value = bytes;
            return result;
        });
    }
}
