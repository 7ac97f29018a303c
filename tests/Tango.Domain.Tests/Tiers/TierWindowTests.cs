using System.Globalization;
using Tango.Domain.Tiers;

namespace Tango.Domain.Tests.Tiers;

public sealed class TierWindowTests
{
    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static TierOrder Spend(string at, decimal amount) => new(At(at), amount, 0);

    [Fact]
    public void An_order_drops_out_of_the_window_when_its_months_are_over()
    {
        Assert.Equal(At("2027-03-15T10:00:00Z"), TierWindow.DropOut(At("2026-03-15T10:00:00Z"), 12));
    }

    [Fact]
    public void An_order_at_the_end_of_a_long_month_drops_out_on_the_first_of_the_month_after_a_short_one()
    {
        // 31 January + 1 month has no 31st: the purchase path still counts it on 28 February, not on 1 March.
        Assert.Equal(At("2027-03-01T00:00:00Z"), TierWindow.DropOut(At("2027-01-31T10:00:00Z"), 1));
        Assert.Equal(100m, TierWindow.Metric([Spend("2027-01-31T10:00:00Z", 100)], "spend", At("2027-02-28T23:59:59Z"), 1));
        Assert.Equal(0m, TierWindow.Metric([Spend("2027-01-31T10:00:00Z", 100)], "spend", At("2027-03-01T00:00:00Z"), 1));
    }

    [Fact]
    public void Qualified_until_is_when_the_orders_that_reach_the_threshold_start_to_drop_out()
    {
        List<TierOrder> orders = [Spend("2026-01-10T00:00:00Z", 300), Spend("2026-04-10T00:00:00Z", 300), Spend("2026-09-10T00:00:00Z", 300)];

        // 500 needs two orders: April and September together hold until April's drops out.
        Assert.Equal(At("2027-04-10T00:00:00Z"), TierWindow.QualifiedUntil(orders, "spend", 500, 12));
        // 900 needs all three: until January's drops out.
        Assert.Equal(At("2027-01-10T00:00:00Z"), TierWindow.QualifiedUntil(orders, "spend", 900, 12));
        Assert.Null(TierWindow.QualifiedUntil(orders, "spend", 901, 12));
        Assert.Null(TierWindow.QualifiedUntil(orders, "spend", 0, 12));
    }

    [Fact]
    public void Qualified_until_counts_purchases_for_the_purchases_metric()
    {
        List<TierOrder> orders = [Spend("2026-01-10T00:00:00Z", 1), Spend("2026-02-10T00:00:00Z", 1), Spend("2026-03-10T00:00:00Z", 1)];

        Assert.Equal(At("2026-08-10T00:00:00Z"), TierWindow.QualifiedUntil(orders, "purchases", 2, 6));
    }

    [Fact]
    public void Reached_at_is_the_start_of_the_latest_run_of_qualifying()
    {
        List<TierOrder> orders =
        [
            Spend("2025-01-10T00:00:00Z", 600), // qualifies, then drops out 2026-01-10
            Spend("2026-06-01T00:00:00Z", 200),
            Spend("2026-07-01T00:00:00Z", 400), // qualifies again
        ];

        Assert.Equal(At("2026-07-01T00:00:00Z"), TierWindow.ReachedAt(orders, "spend", 500, 12, At("2026-11-01T00:00:00Z")));
        Assert.Equal(At("2025-01-10T00:00:00Z"), TierWindow.ReachedAt(orders, "spend", 500, 12, At("2025-12-01T00:00:00Z")));
    }
}
