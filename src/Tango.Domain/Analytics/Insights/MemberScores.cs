using Tango.Domain.Analytics.Loyalty;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Analytics.Insights;

/// <summary>What the analysis concluded about one purchaser; the model outputs are null when no model was fitted.</summary>
public readonly record struct MemberScores(
    CustomerSummary Summary,
    RfmScore Rfm,
    double? PAlive,
    double? ExpectedPurchases,
    double? Clv,
    LoyaltyStage Stage,
    double HabitStrength);
