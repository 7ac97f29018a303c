namespace Tango.Domain.Analytics.Insights;

/// <summary>How a tenant's purchases are turned into insights (docs/analytics.md, "In the server").</summary>
public sealed record AnalysisOptions
{
    /// <summary>Below this many purchasers the models are not fitted: the data cannot pin four parameters down.</summary>
    public int MinPurchasersToFit { get; init; } = 100;

    /// <summary>Gamma-Gamma needs this many customers with repeat purchases.</summary>
    public int MinRepeatCustomersToFit { get; init; } = 20;

    /// <summary>Horizon of <c>expectedPurchases90d</c>, in days.</summary>
    public int ExpectedPurchasesHorizonDays { get; init; } = 90;

    /// <summary>Horizon of <c>predictedClv12m</c>, in days.</summary>
    public int ClvHorizonDays { get; init; } = 365;

    /// <summary>Yearly discount rate for CLV, applied per day as (1 + rate)^(1/365) − 1.</summary>
    public double AnnualDiscountRate { get; init; } = 0.10;

    public double DailyDiscountRate => Math.Pow(1 + AnnualDiscountRate, 1.0 / 365) - 1;
}
