using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class PendingPointsTests
{
    private static readonly EarningPolicy FourteenDays = new() { PendingDays = 14 };

    [Fact]
    public void Points_unlock_when_the_return_window_ends()
    {
        Assert.Equal(At("2026-12-14T12:00:00Z"), PendingPoints.AvailableAt(FourteenDays, MondayNoonUtc));
        Assert.True(PendingPoints.IsPending(FourteenDays, MondayNoonUtc, At("2026-12-14T11:59:59Z")));
        Assert.False(PendingPoints.IsPending(FourteenDays, MondayNoonUtc, At("2026-12-14T12:00:00Z")));
    }

    [Fact]
    public void Without_pending_days_points_are_available_at_once()
    {
        Assert.Null(PendingPoints.AvailableAt(new EarningPolicy(), MondayNoonUtc));
        Assert.Null(PendingPoints.AvailableAt(new EarningPolicy { PendingDays = 0 }, MondayNoonUtc));
    }

    [Fact]
    public void Only_credits_inside_their_window_are_pending()
    {
        var now = At("2026-12-20T00:00:00Z");
        var credits = new[] { (100L, At("2026-12-01T00:00:00Z")), (40L, At("2026-12-10T00:00:00Z")), (-5L, At("2026-12-19T00:00:00Z")) };

        Assert.Equal(40, PendingPoints.Pending(FourteenDays, credits, now));
    }
}
