namespace Tango.Domain.Analytics.Loyalty;

/// <summary>What the loyalty stage of one member is decided from. Advocacy inputs are null until known.</summary>
/// <param name="Orders">Purchases made; repeat purchases are <c>Orders − 1</c>.</param>
/// <param name="PAlive">P(alive) from a fitted model, or null without one.</param>
/// <param name="QualifiedReferrals">Referred friends who bought at least once.</param>
/// <param name="NpsScore">The member's latest NPS answer, 0–10.</param>
/// <param name="Insider">Takes part in insider (beta) programmes.</param>
public readonly record struct LoyaltyFacts(
    int Orders,
    DateOnly? FirstPurchase,
    DateOnly? LastPurchase,
    double? PAlive = null,
    int? QualifiedReferrals = null,
    int? NpsScore = null,
    bool? Insider = null)
{
    public int RepeatPurchases => Math.Max(Orders - 1, 0);

    /// <summary>Referred a buyer, answered NPS as a promoter (9–10) or takes part as an insider.</summary>
    public bool Advocates => QualifiedReferrals >= 1 || NpsScore >= 9 || Insider == true;
}
