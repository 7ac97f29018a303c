namespace Tango.Store.Analytics;

/// <summary>
/// What the last analytics refresh concluded about one member. Model outputs are null when no model could be fitted.
/// <paramref name="Spend"/> is what the member's orders came to, net of refunds, in the program's currency.
/// </summary>
public sealed record MemberInsight(
    string MemberId,
    int Orders,
    DateOnly FirstPurchase,
    DateOnly LastPurchase,
    int Frequency,
    double RecencyDays,
    double TDays,
    double Monetary,
    int RfmR,
    int RfmF,
    int RfmM,
    string RfmSegment,
    double? PAlive,
    double? ExpectedPurchases90d,
    double? PredictedClv12m,
    string LoyaltyStage,
    double HabitStrength,
    double Spend = 0,
    DateTimeOffset? FirstPurchaseAt = null,
    DateTimeOffset? LastPurchaseAt = null);

/// <summary>The tenant-wide results of one refresh, each a JSON document served as it is.</summary>
public sealed record AnalyticsRun(DateTimeOffset ComputedAt, string Overview, string Rfm, string Cohorts, string Clv);
