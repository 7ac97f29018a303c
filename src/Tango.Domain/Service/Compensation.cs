namespace Tango.Domain.Service;

/// <summary>What a recovery case grants: the points, and why fewer than configured when the cap bites.</summary>
public sealed record CompensationDecision(long Requested, long Granted, string? Note);

/// <summary>Compensation points capped per member per calendar month.</summary>
public static class Compensation
{
    /// <param name="requested">The program's compensation points per case.</param>
    /// <param name="cap">The most points one member may receive in the month.</param>
    /// <param name="grantedThisMonth">What the member already received in the month.</param>
    public static CompensationDecision Decide(long requested, long cap, long grantedThisMonth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requested);
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        var left = Math.Max(0, cap - grantedThisMonth);
        if (requested == 0)
        {
            return new CompensationDecision(0, 0, null);
        }
        if (left == 0)
        {
            return new CompensationDecision(requested, 0,
                $"skipped: the member already received {grantedThisMonth} of at most {cap} compensation points this month");
        }
        return left >= requested
            ? new CompensationDecision(requested, requested, null)
            : new CompensationDecision(requested, left,
                $"reduced from {requested} to {left}: the member already received {grantedThisMonth} of at most {cap} compensation points this month");
    }

    /// <summary>The calendar month (UTC) an instant falls in, as [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) MonthOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }
}
