using Tango.Domain.Ledger;

namespace Tango.Domain.Tests.Ledger;

public sealed class ClawbackTests
{
    [Fact]
    public void Half_then_half_claws_back_exactly_what_was_earned()
    {
        var first = Clawback.Points(earned: 61, clawedSoFar: 0, total: 100m, refundedSoFar: 0m, refundAmount: 50m);
        var second = Clawback.Points(earned: 61, clawedSoFar: first, total: 100m, refundedSoFar: 50m, refundAmount: 50m);

        Assert.Equal(30, first);
        Assert.Equal(31, second);
    }

    [Fact]
    public void A_refund_after_a_full_refund_claws_back_nothing_more()
    {
        Assert.Equal(0, Clawback.Points(61, 61, 100m, 100m, 10m));
    }

    [Fact]
    public void Refunding_more_than_the_total_claws_back_only_the_rest()
    {
        Assert.Equal(31, Clawback.Points(61, 30, 100m, 50m, 500m));
    }

    [Fact]
    public void Thirds_do_not_drift()
    {
        var first = Clawback.Points(100, 0, 30m, 0m, 10m);
        var second = Clawback.Points(100, first, 30m, 10m, 10m);
        var third = Clawback.Points(100, first + second, 30m, 20m, 10m);

        Assert.Equal([33L, 33L, 34L], [first, second, third]);
    }

    [Fact]
    public void Multiplies_before_dividing()
    {
        // 3 × 10 / 30 is exactly 1; 3 × (10 / 30) would floor to 0.
        Assert.Equal(1, Clawback.Points(3, 0, 30m, 0m, 10m));
    }

    [Fact]
    public void Works_the_same_for_wallet_minor_units()
    {
        Assert.Equal(25, Clawback.Points(75, 0, 37.50m, 0m, 12.50m));
    }

    [Theory]
    [InlineData(61, 0, 0, 0, 10)]
    [InlineData(61, 0, 100, 0, -10)]
    [InlineData(0, 0, 100, 0, 100)]
    [InlineData(61, 70, 100, 0, 50)]
    public void Never_negative_and_nothing_for_a_free_order(long earned, long clawed, int total, int refunded, int amount)
    {
        Assert.Equal(0, Clawback.Points(earned, clawed, total, refunded, amount));
    }
}
