using System.Globalization;
using System.Text;
using Tango.Domain.Analytics;

namespace Tango.Cli.Analyze;

/// <summary>A ready summary: customer_id, frequency, recency, T and optionally monetary per line.</summary>
internal static class SummaryFile
{
    public static (List<string> Ids, CustomerSummary[] Summaries) Read(CsvLines lines, int customerColumn, int[] columns, Action<long> progress)
    {
        var ids = new List<string>();
        var summaries = new List<CustomerSummary>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var needed = Math.Max(customerColumn, columns.Max()) + 1;
        Span<Range> fields = stackalloc Range[needed];
        Span<double> values = stackalloc double[4];
        while (lines.Next(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }
            var number = lines.LineNumber;
            if (CsvLines.Split(line, fields) < needed)
            {
                throw new InputError(number, $"expected at least {needed} fields");
            }
            var id = Encoding.UTF8.GetString(line[fields[customerColumn]]).Replace("\"\"", "\"", StringComparison.Ordinal);
            if (id.Length == 0 || !seen.Add(id))
            {
                throw new InputError(number, id.Length == 0 ? "no customer id" : $"customer '{id}' appears twice");
            }
            values.Clear();
            for (var i = 0; i < columns.Length; i++)
            {
                var text = line[fields[columns[i]]];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < 0)
                {
                    throw new InputError(number, $"'{Encoding.UTF8.GetString(text)}' is not a number of 0 or more");
                }
            }
            var summary = new CustomerSummary(values[0], values[1], values[2], values[3]);
            var problem = summary switch
            {
                { Frequency: var f } when f != Math.Floor(f) => "frequency must be a whole number of repeat purchase days",
                { Recency: var r, T: var t } when r > t => "recency is longer than T",
                { Frequency: 0, Recency: > 0 } => "recency must be 0 without repeat purchases",
                { Frequency: 0, Monetary: > 0 } => "monetary must be 0 without repeat purchases",
                _ => null,
            };
            if (problem is not null)
            {
                throw new InputError(number, problem);
            }
            ids.Add(id);
            summaries.Add(summary);
            if ((summaries.Count & 0xFFFF) == 0)
            {
                progress(lines.Position);
            }
        }
        if (summaries.Count == 0)
        {
            throw new InputError(Math.Max(lines.LineNumber, 1), "no customers after the header");
        }
        return (ids, [.. summaries]);
    }
}
