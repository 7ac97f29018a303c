namespace Tango.Domain.Analytics;

/// <summary>The unit the customer-base models measure time in.</summary>
public enum TimeUnit
{
    Days,

    /// <summary>Days / 7, not rounded, as in the BG/NBD and Gamma-Gamma literature.</summary>
    Weeks,
}

public static class TimeUnits
{
    public static double DaysPerUnit(this TimeUnit unit) => unit == TimeUnit.Weeks ? 7.0 : 1.0;

    public static double FromDays(this TimeUnit unit, double days) => days / unit.DaysPerUnit();
}
