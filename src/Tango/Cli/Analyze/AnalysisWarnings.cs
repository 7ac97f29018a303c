using System.Globalization;
using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>
/// What a reader of `tango analyze` must know before trusting its files, on stderr: customers left out of the fit
/// because they first bought after the calibration end, and fits that ran to the edge of their parameter space.
/// </summary>
internal static class AnalysisWarnings
{
    public static void Write(Analysis analysis)
    {
        if (analysis.HoldoutOnly > 0 && analysis.CalibrationEnd is { } end)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tango analyze: {analysis.HoldoutOnly:N0} customers first bought after the calibration end {end:yyyy-MM-dd}: they belong to the holdout period only and are left out of the fit (holdoutOnlyCustomers in model.json)."));
        }
        Degenerate("BG/NBD", analysis.BgNbd);
        if (analysis.GammaGamma is { } spend)
        {
            Degenerate("Gamma-Gamma", spend);
        }
    }

    private static void Degenerate<T>(string model, ModelFit<T> fit)
        where T : struct
    {
        if (fit.Degenerate)
        {
            Console.Error.WriteLine($"tango analyze: {model} {fit.Reason}. Its parameters are not reported.");
        }
    }
}
