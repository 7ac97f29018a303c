using System.CommandLine;
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
    public const string Description =
        "Customer-base analysis of a transaction log (BG/NBD, Gamma-Gamma, CLV) with no server and no store: "
        + "writes summary.csv, model.json and customers.csv. Exit 0 done, 1 bad input (nothing written), 2 bad options, "
        + "3 a model did not converge (see model.json). Definitions: docs/analytics.md, \"Customer-base models\".";

    private const string FileHelp =
        "a CSV with a header: customer_id, date (YYYY-MM-DD, a date-time whose date part is the purchase day as written, "
        + "or YYYYMMDD) and amount; or customer_id, frequency, recency, T and optionally monetary, a ready summary";

    private static readonly (string Name, string Value, string Help)[] s_options =
    [
        ("customer", "COL", "customer column (default customer_id)"),
        ("date", "COL", "date column (default date)"),
        ("amount", "COL", "amount column (default amount; negative amounts are rejected)"),
        ("calibration-end", "DATE", "last day of the calibration period (default: the last date in the file); purchases after it are "
            + "left out of the fit and checked against its predictions (transaction files only: a summary is already calibrated)"),
        ("unit", "days|weeks", "time unit of the models (default weeks, as days / 7)"),
        ("horizon", "N", "expected purchases and CLV over the next N units (default 52 weeks or 365 days)"),
        ("discount-rate", "R", "CLV discount rate per unit (default 0)"),
        ("out", "DIR", "where summary.csv, model.json and customers.csv go (default .)"),
    ];

    /// <summary>The `analyze` command; <paramref name="run"/> gets the options once they are all valid.</summary>
    public static Command Command(Func<AnalyzeOptions, int> run)
    {
        var file = new Argument<string>("FILE.csv") { Description = FileHelp };
        var options = s_options.ToDictionary(o => o.Name, o => new Option<string>("--" + o.Name) { HelpName = o.Value, Description = o.Help });
        var command = new Command("analyze", Description) { file };
        foreach (var option in options.Values)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var values = options.Where(o => parse.GetValue(o.Value) is not null).ToDictionary(o => o.Key, o => parse.GetValue(o.Value)!, StringComparer.Ordinal);
            var (checkedOptions, error) = From(parse.GetRequiredValue(file), values);
            return checkedOptions is null ? throw CliHost.Usage(error!) : run(checkedOptions);
        });
        return command;
    }

    /// <returns>The options, or the message saying what is wrong with them.</returns>
    public static (AnalyzeOptions? Options, string? Error) From(string file, IReadOnlyDictionary<string, string> values)
    {
        if (!System.IO.File.Exists(file))
        {
            return (null, $"No such file: {file}");
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
        return (new AnalyzeOptions(file, values.GetValueOrDefault("customer", "customer_id"), values.GetValueOrDefault("date", "date"),
            values.GetValueOrDefault("amount", "amount"), end, unit.Value, horizon, rate, values.GetValueOrDefault("out", ".")), null);
    }
}
