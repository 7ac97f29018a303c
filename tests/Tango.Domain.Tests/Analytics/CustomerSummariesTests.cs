using Tango.Domain.Analytics;

namespace Tango.Domain.Tests.Analytics;

public sealed class CustomerSummariesTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly CalibrationEnd = new(2026, 1, 31);
    private static readonly DateOnly HoldoutEnd = new(2026, 3, 1);

    private static Transaction On(int day, double amount) => new(Start.AddDays(day).DayNumber, amount);

    private static CustomerHistory? Summarize(TimeUnit unit, params Transaction[] purchases) =>
        CustomerSummaries.Summarize(purchases, CalibrationEnd, HoldoutEnd, unit);

    [Fact]
    public void Same_day_purchases_are_one_purchase_day_whose_spend_is_their_sum()
    {
        var history = Summarize(TimeUnit.Days, On(10, 5), On(0, 20), On(10, 7), On(0, 1), On(20, 3), On(20, 3));

        // Days 0, 10 and 20: two repeat days spending 12 and 6; the first day's 21 is not in the mean.
        Assert.Equal(new CustomerSummary(Frequency: 2, Recency: 20, T: 30, Monetary: 9), history!.Value.Summary);
        Assert.Equal(0, history.Value.HoldoutPurchases);
    }

    [Fact]
    public void A_single_purchase_has_zero_frequency_recency_and_monetary_and_T_to_the_calibration_end()
    {
        var history = Summarize(TimeUnit.Days, On(16, 99));

        Assert.Equal(new CustomerSummary(0, 0, 14, 0), history!.Value.Summary);
    }

    [Fact]
    public void Purchases_after_the_calibration_end_are_left_out_and_counted_as_holdout_days_up_to_the_holdout_end()
    {
        // Day 30 is the calibration end (in); 31 and 40 (twice) are holdout days; day 70 is past the holdout end.
        var history = Summarize(TimeUnit.Days, On(2, 10), On(30, 4), On(31, 1000), On(40, 1), On(40, 2), On(70, 5));

        Assert.Equal(new CustomerSummary(1, 28, 28, 4), history!.Value.Summary);
        Assert.Equal(2, history.Value.HoldoutPurchases);
    }

    [Fact]
    public void A_customer_whose_purchases_all_come_after_the_calibration_end_has_no_summary()
    {
        Assert.Null(Summarize(TimeUnit.Days, On(31, 10), On(35, 10)));
        Assert.Null(Summarize(TimeUnit.Days));
    }

    [Fact]
    public void Weeks_are_days_divided_by_seven_not_rounded()
    {
        var history = Summarize(TimeUnit.Weeks, On(0, 1), On(10, 2));

        Assert.Equal(new CustomerSummary(1, 10 / 7.0, 30 / 7.0, 2), history!.Value.Summary);
    }
}
