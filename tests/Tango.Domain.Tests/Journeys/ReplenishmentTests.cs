using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class ReplenishmentTests
{
    private static readonly DateOnly Day0 = new(2026, 1, 1);

    private static SkuPurchase On(int day, decimal quantity = 1) => new(Day0.AddDays(day), quantity);

    [Fact]
    public void A_supply_learned_from_two_monthly_gaps_is_due_a_month_after_the_last_purchase_and_reminded_three_days_before()
    {
        SkuPurchase[] bought = [On(0), On(30), On(60)];

        Assert.Null(Replenishment.Judge("beans", bought, null, 3, Day0.AddDays(86)));
        var due = Replenishment.Judge("beans", bought, null, 3, Day0.AddDays(87));

        Assert.NotNull(due);
        Assert.Equal(Day0.AddDays(90), due.DueOn);
        Assert.Equal(30, due.PeriodDays);
        Assert.True(due.Learned);
    }

    [Fact]
    public void Two_bags_last_twice_as_long_as_one()
    {
        SkuPurchase[] bought = [On(0), On(30), On(60, quantity: 2)];

        var due = Replenishment.Judge("beans", bought, null, 0, Day0.AddDays(120));

        Assert.Equal(Day0.AddDays(120), due?.DueOn);
        Assert.Equal(60, due?.PeriodDays);
    }

    [Fact]
    public void One_long_gap_does_not_move_the_median()
    {
        Assert.Equal(30, Replenishment.LearnedDaysPerUnit([On(0), On(30), On(60), On(150)]));
    }

    [Fact]
    public void Until_the_member_has_two_gaps_the_period_set_for_the_sku_decides_and_without_one_nothing_is_due()
    {
        SkuPurchase[] once = [On(0), On(25)];

        var due = Replenishment.Judge("filters", once, 20, 0, Day0.AddDays(45));

        Assert.Equal(Day0.AddDays(45), due?.DueOn);
        Assert.False(due?.Learned);
        Assert.Null(Replenishment.Judge("filters", once, null, 0, Day0.AddDays(45)));
    }

    [Fact]
    public void A_member_a_whole_period_past_due_has_most_likely_bought_elsewhere_and_is_left_alone()
    {
        SkuPurchase[] bought = [On(0), On(30), On(60)];

        Assert.NotNull(Replenishment.Judge("beans", bought, null, 3, Day0.AddDays(120)));
        Assert.Null(Replenishment.Judge("beans", bought, null, 3, Day0.AddDays(121)));
    }

    [Fact]
    public void Two_purchases_on_one_day_count_as_one_supply_of_both()
    {
        var split = Replenishment.Judge("beans", [On(0), On(0), On(30), On(60)], null, 30, Day0.AddDays(80));
        var whole = Replenishment.Judge("beans", [On(0, 2), On(30), On(60)], null, 30, Day0.AddDays(80));

        Assert.NotNull(split);
        Assert.Equal(whole, split);
        Assert.Equal(22.5, split.DaysPerUnit); // the median of 30 days for two bags and 30 days for one
    }

    [Theory]
    [InlineData("2026-11-24", "2026-Q3", "2026-07-01", "2026-09-30")]
    [InlineData("2027-01-01", "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData("2026-04-15", "2026-Q1", "2026-01-01", "2026-03-31")]
    public void The_value_report_covers_the_quarter_that_last_ended(string today, string name, string from, string to)
    {
        var period = ReportPeriods.QuarterBefore(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new ReportPeriod(name, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), period);
    }
}
