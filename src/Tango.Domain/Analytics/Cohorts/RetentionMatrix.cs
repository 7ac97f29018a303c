namespace Tango.Domain.Analytics.Cohorts;

/// <summary>Customers of a cohort who purchased in the period <see cref="Offset"/> periods after their first, and their share of the cohort.</summary>
public readonly record struct CohortCell(int Offset, int Customers, double Share);

/// <summary>
/// Customers whose first purchase fell in the period starting <see cref="Start"/>, and one cell per period
/// offset from 0 (always the whole cohort) to the last observed period.
/// </summary>
public sealed record CohortRow(DateOnly Start, int Size, IReadOnlyList<CohortCell> Cells);

/// <summary>Retention by first-purchase cohort, oldest cohort first; periods without new customers have no row.</summary>
public sealed record RetentionMatrix(CohortPeriod Period, IReadOnlyList<CohortRow> Rows);
