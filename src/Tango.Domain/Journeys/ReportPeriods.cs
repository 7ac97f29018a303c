namespace Tango.Domain.Journeys;

/// <summary>A calendar quarter: its name (`2026-Q3`) and its first and last day.</summary>
public sealed record ReportPeriod(string Name, DateOnly From, DateOnly To);

/// <summary>The quarterly value report tells each member about the quarter that last ended.</summary>
public static class ReportPeriods
{
    public static ReportPeriod QuarterBefore(DateOnly today)
    {
        var startOfThis = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var from = startOfThis.AddMonths(-3);
        return new ReportPeriod($"{from.Year}-Q{((from.Month - 1) / 3) + 1}", from, startOfThis.AddDays(-1));
    }
}
