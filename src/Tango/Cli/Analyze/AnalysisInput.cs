using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>
/// What `tango analyze` read: one summary per customer, and for a transaction file the holdout counts too, and how many
/// customers were first seen after the calibration end (<paramref name="HoldoutOnly"/>: in neither the fit nor the files).
/// </summary>
internal sealed record AnalysisInput(
    string Kind,
    long Rows,
    List<string> Ids,
    CustomerSummary[] Summaries,
    bool HasMonetary,
    DateOnly? CalibrationEnd,
    DateOnly? LastDay,
    CustomerHistory[]? Histories,
    int HoldoutOnly = 0)
{
    /// <exception cref="InputError">The file cannot be used; the message names the line.</exception>
    /// <param name="progress">Told the bytes read so far, now and then.</param>
    public static AnalysisInput Read(AnalyzeOptions options, Action<long> progress)
    {
        using var lines = new CsvLines(options.File);
        if (!lines.Next(out var headerLine) || headerLine.IsEmpty)
        {
            throw new InputError(1, "expected a header line");
        }
        var header = CsvLines.Header(headerLine);
        int Column(string name) => Array.IndexOf(header, name.ToLowerInvariant());
        var customer = Column(options.CustomerColumn);
        if (customer < 0)
        {
            throw new InputError(1, $"no column '{options.CustomerColumn}' in the header ({string.Join(", ", header)}); name it with --customer");
        }

        var (frequency, recency, t, monetary) = (Column("frequency"), Column("recency"), Column("t"), Column("monetary"));
        if (frequency >= 0 && recency >= 0 && t >= 0)
        {
            int[] columns = monetary >= 0 ? [frequency, recency, t, monetary] : [frequency, recency, t];
            var (summaryIds, summaries) = SummaryFile.Read(lines, customer, columns, progress);
            return new AnalysisInput("summary", summaries.Length, summaryIds, summaries, monetary >= 0, null, null, null);
        }

        var (date, amount) = (Column(options.DateColumn), Column(options.AmountColumn));
        if (date < 0 || amount < 0)
        {
            var missing = date < 0 ? $"'{options.DateColumn}' (name it with --date)" : $"'{options.AmountColumn}' (name it with --amount)";
            throw new InputError(1, $"no column {missing} in the header ({string.Join(", ", header)}), and no frequency, recency and T columns of a summary");
        }
        var log = TransactionLog.Read(lines, customer, date, amount, progress);
        var last = DateOnly.FromDayNumber(log.LastDay);
        // Without --calibration-end the calibration period runs to the last date in the file: no holdout.
        var end = options.CalibrationEnd ?? last;
        var (histories, customers) = log.Summarize(end, last, options.Unit);
        var ids = new List<string>(customers.Length);
        foreach (var c in customers)
        {
            ids.Add(log.Ids.Id(c));
        }
        return new AnalysisInput("transactions", log.Rows, ids, [.. histories.Select(h => h.Summary)], true, end, last, histories,
            log.Ids.Count - customers.Length);
    }
}
