using System.Globalization;
using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>The options of `tango analyze`, parsed and checked before any file is read.</summary>
public sealed record AnalyzeOptions(
    string File,
    string CustomerColumn,
    string DateColumn,
    string AmountColumn,
    DateOnly? CalibrationEnd,
    TimeUnit Unit,
    int Horizon,
    double DiscountRate,
    string OutDirectory)
{
    public const string Help = """
        Usage: tango analyze FILE.csv [options]
          Customer-base analysis of a transaction log (BG/NBD, Gamma-Gamma, CLV), with no server and no store.
          FILE has a header. Its columns are customer_id, date (YYYY-MM-DD, a date-time whose date part is the
          purchase day as written, or YYYYMMDD) and amount; or customer_id, frequency, recency, T and optionally
          monetary, a ready summary.
          --customer COL          customer column (default customer_id)
          --date COL              date column (default date)
          --amount COL            amount column (default amount; negative amounts are rejected)
          --calibration-end DATE  last day of the calibration period (default: the last date in the file);
                                  purchases after it are left out of the fit and checked against its predictions
                                  (transaction files only: a summary is already calibrated)
          --unit days|weeks       time unit of the models (default weeks, as days / 7)
          --horizon N             expected purchases and CLV over the next N units (default 52 weeks or 365 days)
          --discount-rate R       CLV discount rate per unit (default 0)
          --out DIR               where summary.csv, model.json and customers.csv go (default .)
        Exit codes: 0 done; 1 bad input (nothing written); 2 bad options; 3 a model did not converge (the
        reason is printed and in model.json; summary.csv is written, customers.csv only with a fitted BG/NBD).
        Definitions: docs/analytics.md, "Customer-base models".
        """;

    private static readonly string[] s_known = ["customer", "date", "amount", "calibration-end", "unit", "horizon", "discount-rate", "out"];

    /// <returns>The options, or the message saying what is wrong with them.</returns>
    public static (AnalyzeOptions? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            if (!s_known.Contains(name))
            {
                return (null, $"Unknown option '{args[i]}'.");
            }
            if (i + 1 >= args.Length)
            {
                return (null, $"{args[i]} needs a value.");
            }
            values[name] = args[++i];
        }
        if (positional.Count != 1)
        {
            return (null, "Expected: tango analyze FILE.csv [options]");
        }
        if (!System.IO.File.Exists(positional[0]))
        {
            return (null, $"No such file: {positional[0]}");
        }

        DateOnly? end = null;
        if (values.TryGetValue("calibration-end", out var endText))
        {
            if (!DateOnly.TryParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return (null, $"--calibration-end: '{endText}' is not a date (YYYY-MM-DD).");
            }
            end = parsed;
        }
        var unitText = values.GetValueOrDefault("unit", "weeks");
        TimeUnit? unit = unitText switch { "weeks" => TimeUnit.Weeks, "days" => TimeUnit.Days, _ => null };
        if (unit is null)
        {
            return (null, $"--unit: '{unitText}' is not days or weeks.");
        }
        var horizon = unit == TimeUnit.Weeks ? 52 : 365;
        if (values.TryGetValue("horizon", out var horizonText)
            && (!int.TryParse(horizonText, NumberStyles.None, CultureInfo.InvariantCulture, out horizon) || horizon > 100_000))
        {
            return (null, $"--horizon: '{horizonText}' is not a whole number of units from 0 to 100000.");
        }
        var rate = 0.0;
        if (values.TryGetValue("discount-rate", out var rateText)
            && (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || !(rate >= 0) || double.IsInfinity(rate)))
        {
            return (null, $"--discount-rate: '{rateText}' is not a rate of 0 or more.");
        }
        return (new AnalyzeOptions(positional[0], values.GetValueOrDefault("customer", "customer_id"), values.GetValueOrDefault("date", "date"),
            values.GetValueOrDefault("amount", "amount"), end, unit.Value, horizon, rate, values.GetValueOrDefault("out", ".")), null);
    }
}
