using Tango.Domain.Analytics.Cohorts;

namespace Tango.Domain.Tests.Analytics.Cohorts;

public sealed class RetentionTests
{
    // January cohort: a and b; February cohort: c and d. Out of order on purpose.
    private static readonly (string, DateOnly)[] Purchases =
    [
        ("c", D("2026-03-01")),
        ("a", D("2026-01-20")),
        ("a", D("2026-04-01")),
        ("b", D("2026-01-31")),
        ("c", D("2026-02-01")),
        ("a", D("2026-02-10")),
        ("d", D("2026-02-28")),
        ("a", D("2026-01-05")),
        ("c", D("2026-02-02")),
        ("b", D("2026-03-15")),
    ];

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static int[] Counts(CohortRow row) => [.. row.Cells.Select(c => c.Customers)];

    [Fact]
    public void Monthly_matrix_counts_each_cohort_member_once_per_month_they_bought_in()
    {
        var matrix = Retention.Build(Purchases);

        Assert.Equal(CohortPeriod.Month, matrix.Period);
        Assert.Equal([D("2026-01-01"), D("2026-02-01")], matrix.Rows.Select(r => r.Start));
        Assert.Equal([2, 2], matrix.Rows.Select(r => r.Size));
        Assert.Equal([2, 1, 1, 1], Counts(matrix.Rows[0]));
        Assert.Equal([2, 1, 0], Counts(matrix.Rows[1]));
        Assert.Equal([1.0, 0.5, 0.5, 0.5], matrix.Rows[0].Cells.Select(c => c.Share));
        Assert.Equal([0, 1, 2], matrix.Rows[1].Cells.Select(c => c.Offset));
    }

    [Fact]
    public void Purchases_after_the_end_are_left_out_and_rows_run_up_to_the_end()
    {
        var early = Retention.Build(Purchases, end: D("2026-03-20"));
        var late = Retention.Build(Purchases, end: D("2026-06-30"));

        Assert.Equal([2, 1, 1], Counts(early.Rows[0]));
        Assert.Equal([2, 1], Counts(early.Rows[1]));
        Assert.Equal([2, 1, 1, 1, 0, 0], Counts(late.Rows[0]));
        Assert.Equal([2, 1, 0, 0, 0], Counts(late.Rows[1]));
    }

    [Fact]
    public void Max_offset_cuts_every_row()
    {
        var matrix = Retention.Build(Purchases, maxOffset: 1);

        Assert.Equal([2, 1], Counts(matrix.Rows[0]));
        Assert.Equal([2, 1], Counts(matrix.Rows[1]));
    }

    [Fact]
    public void Weekly_cohorts_start_on_monday()
    {
        (int, DateOnly)[] purchases =
        [
            (1, D("2026-01-07")),
            (1, D("2026-01-11")),
            (1, D("2026-01-12")),
            (2, D("2026-01-12")),
        ];

        var matrix = Retention.Build(purchases, CohortPeriod.Week);

        Assert.Equal([D("2026-01-05"), D("2026-01-12")], matrix.Rows.Select(r => r.Start));
        Assert.Equal([1, 1], Counts(matrix.Rows[0]));
        Assert.Equal([1], Counts(matrix.Rows[1]));
    }

    [Fact]
    public void No_purchases_is_an_empty_matrix()
    {
        Assert.Empty(Retention.Build(Array.Empty<(int, DateOnly)>()).Rows);
        Assert.Empty(Retention.Build(Array.Empty<(int, DateOnly)>(), end: D("2026-01-01")).Rows);
    }
}
