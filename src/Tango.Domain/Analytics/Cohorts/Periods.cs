namespace Tango.Domain.Analytics.Cohorts;

/// <summary>Dates to consecutive period numbers and back, so offsets are plain subtraction.</summary>
internal static class Periods
{
    public static int Index(DateOnly date, CohortPeriod period) => period switch
    {
        // DayNumber 0 is Monday 0001-01-01, so whole sevens are ISO weeks.
        CohortPeriod.Week => date.DayNumber / 7,
        _ => (date.Year * 12) + date.Month - 1,
    };

    public static DateOnly Start(int index, CohortPeriod period) => period switch
    {
        CohortPeriod.Week => DateOnly.FromDayNumber(index * 7),
        _ => new DateOnly(index / 12, (index % 12) + 1, 1),
    };
}
