using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class ExpiryTests
{
    [Fact]
    public void Points_expire_the_programs_months_after_they_were_earned()
    {
        Assert.Equal(At("2027-11-30T12:00:00Z"), Expiry.ExpiresAt(ApiExample.Program, MondayNoonUtc));
    }

    [Fact]
    public void Month_ends_clamp_to_the_shorter_month()
    {
        var program = ProgramDocument.Default with { Expiry = new ExpiryPolicy { Months = 1 } };

        Assert.Equal(At("2027-02-28T00:00:00Z"), Expiry.ExpiresAt(program, At("2027-01-31T00:00:00Z")));
    }

    [Fact]
    public void Without_expiry_points_never_expire()
    {
        Assert.Null(Expiry.ExpiresAt(ProgramDocument.Default, MondayNoonUtc));
    }
}
