using Tango.Store.Analytics;

namespace Tango.Analytics;

/// <summary>`GET /v1/members/{id}/insights`, also part of the profile. A member without purchases has only a stage.</summary>
public sealed record InsightsView(
    InsightsView.RfmView? Rfm,
    double? PAlive,
    double? ExpectedPurchases90d,
    double? PredictedClv12m,
    string LoyaltyStage,
    double HabitStrength,
    DateTimeOffset? ComputedAt)
{
    public sealed record RfmView(int R, int F, int M, string Segment);

    public static InsightsView Of(MemberInsight? insight, DateTimeOffset? computedAt) => insight is null
        ? new InsightsView(null, null, null, null, "none", 0, computedAt)
        : new InsightsView(new RfmView(insight.RfmR, insight.RfmF, insight.RfmM, insight.RfmSegment),
            insight.PAlive, insight.ExpectedPurchases90d, insight.PredictedClv12m, insight.LoyaltyStage, insight.HabitStrength, computedAt);
}
