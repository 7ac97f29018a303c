namespace Tango.Domain.Analytics.Insights;

/// <summary>
/// One member's purchase days, oldest first, each with the day's spend (refunds deducted), plus the
/// member's order count and revenue.
/// </summary>
public sealed record PurchaseHistory(DateOnly[] Days, double[] DaySpend, int Orders, double Revenue);
