using System.Globalization;
using Tango.Hosting;

namespace Tango.Rewards;

/// <summary>
/// The days a surprise report covers: `from` and `to` dates (YYYY-MM-DD, both included), the current calendar
/// month (UTC) so far by default. One reading for the API and the dashboard, so both refuse the same input.
/// </summary>
public sealed record SurpriseReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The first instant of <see cref="From"/>, UTC.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after <see cref="To"/>, UTC (the report's end is exclusive).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The calendar months the period touches, each with its own budget.</summary>
    public IEnumerable<DateOnly> Months()
    {
        var first = new DateOnly(From.Year, From.Month, 1);
        return Enumerable.Range(0, MonthCount).Select(first.AddMonths);
    }

    public int MonthCount => ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;

    /// <summary>Reads the two dates; empty means the default. Returns the period, or null and the problems by field.</summary>
    public static (SurpriseReportPeriod? Period, IReadOnlyList<(string Field, string Message)> Problems) Parse(string? from, string? to, DateTimeOffset now)
    {
        var problems = new List<(string, string)>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = Date("from", from, problems) ?? new DateOnly(today.Year, today.Month, 1);
        var last = Date("to", to, problems) ?? today;
        if (problems.Count == 0 && last < first)
        {
            problems.Add(("to", "Must not be before from."));
        }
        // The report ends at the start of the day after `to`, which the last day of the calendar does not have.
        if (last == DateOnly.MaxValue)
        {
            problems.Add(("to", "Must be before 9999-12-31."));
        }
        return problems.Count == 0 ? (new SurpriseReportPeriod(first, last), problems) : (null, problems);
    }

    private static DateOnly? Date(string name, string? text, List<(string, string)> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!Validate.IsDate(text))
        {
            problems.Add((name, "A date YYYY-MM-DD."));
            return null;
        }
        return DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
