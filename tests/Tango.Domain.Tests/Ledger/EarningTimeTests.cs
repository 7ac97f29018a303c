using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningTimeTests
{
    private static readonly ProgramDocument TuesdayBonus =
        ProgramWith(new EarningRule { Id = "tuesday", When = new RuleConditions { DaysOfWeek = ["tue"] }, BonusPoints = 5 });

    [Fact]
    public void Weekday_is_taken_in_the_program_time_zone()
    {
        // Monday 23:30 in UTC is already Tuesday 00:30 in Berlin.
        var purchase = Purchase(10m) with { OccurredAt = At("2026-11-30T23:30:00Z") };

        Assert.Equal(15, Earning.Calculate(TuesdayBonus with { TimeZone = "Europe/Berlin" }, purchase).Points);
        Assert.Equal(10, Earning.Calculate(TuesdayBonus, purchase).Points);
    }

    [Theory]
    [InlineData("2026-11-30T22:59:59Z", false)]
    [InlineData("2026-11-30T23:00:00Z", true)]
    [InlineData("2026-12-31T22:59:59Z", true)]
    [InlineData("2026-12-31T23:00:00Z", false)]
    public void From_and_to_are_inclusive_local_dates(string instant, bool matches)
    {
        var program = ApiExample.Program with { TimeZone = "Europe/Berlin" };
        var purchase = Purchase(10m) with { Channel = "app", OccurredAt = At(instant) };

        var result = Earning.Calculate(program, purchase);

        Assert.Equal(matches ? 30 : 10, result.Points);
        Assert.Equal(matches, result.Components.Any(c => c.RuleId == "app-launch"));
    }

    [Fact]
    public void Without_a_time_zone_dates_are_utc()
    {
        var purchase = Purchase(10m) with { Channel = "app", OccurredAt = At("2026-11-30T23:30:00Z") };

        Assert.Equal(10, Earning.Calculate(ApiExample.Program, purchase).Points);
    }
}
