using Tango.Domain.Ledger;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class LotsTests
{
    private static readonly Lot NeverExpires = new(1, 100, null);
    private static readonly Lot ExpiresLate = new(2, 50, At("2027-06-01T00:00:00Z"));
    private static readonly Lot ExpiresSoon = new(3, 30, At("2027-01-01T00:00:00Z"));
    private static readonly Lot ExpiresSoonToo = new(4, 30, At("2027-01-01T00:00:00Z"));

    [Fact]
    public void Soonest_expiring_points_are_spent_first_and_never_expiring_last()
    {
        var taken = Lots.Consume([NeverExpires, ExpiresLate, ExpiresSoonToo, ExpiresSoon], 120);

        Assert.Equal([(3L, 30L), (4L, 30L), (2L, 50L), (1L, 10L)], taken);
    }

    [Fact]
    public void Spending_more_than_available_takes_everything_available()
    {
        var taken = Lots.Consume([ExpiresSoon, new Lot(5, 0, null), new Lot(6, -3, null)], 1000);

        Assert.Equal([(3L, 30L)], taken);
    }

    [Fact]
    public void Spending_nothing_takes_nothing()
    {
        Assert.Empty(Lots.Consume([ExpiresSoon], 0));
    }
}
