namespace Tango.Domain.Analytics.Kpis;

/// <summary>
/// A member is active when they purchased within the window: the as-of day and the days before it, 90 in
/// all by default, i.e. fewer than <c>days</c> whole days passed since the last purchase.
/// </summary>
public static class ActiveWindow
{
    public const int DefaultDays = 90;

    public static bool Contains(DateOnly? lastPurchase, DateOnly asOf, int days = DefaultDays) =>
        lastPurchase is { } last && asOf.DayNumber - last.DayNumber < days;

    internal static void Check(int days) => ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, nameof(days));
}
