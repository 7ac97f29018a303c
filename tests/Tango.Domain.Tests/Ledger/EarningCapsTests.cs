using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningCapsTests
{
    private static readonly ProgramDocument Capped = ProgramDocument.Default with
    {
        Earning = new EarningPolicy { Limits = new EarningLimits { PerDay = 100, PerMonth = 250 } },
    };

    [Fact]
    public void What_goes_over_the_daily_limit_is_withheld_as_its_own_component()
    {
        var earned = Earning.Calculate(Capped, Purchase(80m));

        var capped = EarningCaps.Apply(Capped, earned, earnedToday: 50, earnedThisMonth: 50);

        Assert.Equal(50, capped.Points);
        Assert.Equal(new EarnComponent(EarningCaps.PerDayRule, -30, "daily limit of 100 points: 50 already earned that day, 50 of 80 granted"),
            capped.Components[^1]);
        AssertComponentsSumToTotal(capped);
    }

    [Fact]
    public void The_monthly_limit_applies_when_it_is_the_tighter_one()
    {
        var capped = EarningCaps.Apply(Capped, Earning.Calculate(Capped, Purchase(80m)), earnedToday: 0, earnedThisMonth: 200);

        Assert.Equal(50, capped.Points);
        Assert.Equal(EarningCaps.PerMonthRule, capped.Components[^1].RuleId);
    }

    [Fact]
    public void Under_the_limits_nothing_changes()
    {
        var earned = Earning.Calculate(Capped, Purchase(80m));

        Assert.Same(earned, EarningCaps.Apply(Capped, earned, 0, 0));
        Assert.Same(earned, EarningCaps.Apply(ProgramDocument.Default, earned, 1_000_000, 1_000_000));
    }

    [Fact]
    public void A_member_past_the_limit_earns_nothing_more()
    {
        var capped = EarningCaps.Apply(Capped, Earning.Calculate(Capped, Purchase(80m)), earnedToday: 150, earnedThisMonth: 150);

        Assert.Equal(0, capped.Points);
        AssertComponentsSumToTotal(capped);
    }

    [Fact]
    public void Days_and_months_are_those_of_the_program_time_zone()
    {
        var program = Capped with { TimeZone = "Europe/Berlin" };

        // 23:30 UTC on 31 January is already 1 February in Berlin.
        var periods = EarningCaps.Periods(program, At("2027-01-31T23:30:00Z"));

        Assert.Equal(At("2027-01-31T23:00:00Z"), periods.DayStart);
        Assert.Equal(At("2027-02-01T23:00:00Z"), periods.DayEnd);
        Assert.Equal(At("2027-01-31T23:00:00Z"), periods.MonthStart);
        Assert.Equal(At("2027-02-28T23:00:00Z"), periods.MonthEnd);
    }
}
