using System.Globalization;
using Tango.Domain.Analytics;

namespace Tango.Domain.Tests.Analytics;

/// <summary>The CDNOW 1/10 sample (tests/data/cdnow) summarised as in the BG/NBD and Gamma-Gamma papers.</summary>
public static class Cdnow
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    /// <summary>Every purchase row as (customer, transaction), in file order.</summary>
    public static IReadOnlyList<(int Customer, Transaction Purchase)> Rows { get; } = Load();

    public static CustomerHistory[] Histories(DateOnly calibrationEnd) =>
        [.. Rows.GroupBy(row => row.Customer)
            .Select(g => CustomerSummaries.Summarize(g.Select(row => row.Purchase).ToArray(), calibrationEnd, HoldoutEnd, TimeUnit.Weeks)!.Value)];

    public static CustomerSummary[] Summaries() => [.. Histories(CalibrationEnd).Select(h => h.Summary)];

    private static List<(int, Transaction)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_sample.txt");
        var rows = new List<(int, Transaction)>();
        foreach (var line in File.ReadLines(path))
        {
            // master_id sample_id YYYYMMDD number_of_cds dollar_value
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var date = DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            rows.Add((int.Parse(fields[1], CultureInfo.InvariantCulture),
                new Transaction(date.DayNumber, double.Parse(fields[4], CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
