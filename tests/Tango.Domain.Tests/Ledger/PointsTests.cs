using Tango.Domain.Ledger;

namespace Tango.Domain.Tests.Ledger;

public sealed class PointsTests
{
    [Fact]
    public void Arithmetic_and_comparison_work_on_the_value()
    {
        var sum = new Points(40) + new Points(2);

        Assert.Equal(42L, (long)sum);
        Assert.Equal(new Points(40), sum - new Points(2));
        Assert.True(new Points(1) < new Points(2));
        Assert.True(new Points(2) >= new Points(2));
    }

    [Fact]
    public void Arithmetic_overflows_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => new Points(long.MaxValue) + new Points(1));
        Assert.Throws<OverflowException>(() => new Points(long.MinValue) - new Points(1));
    }
}
