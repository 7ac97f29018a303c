namespace Tango.Domain.Analytics.Loyalty;

/// <summary>
/// What a member did beyond buying that marks an advocate: their latest NPS answer (0–10, or null), the referred
/// friends who qualified, and whether they accepted an insider (closed test) invitation.
/// </summary>
public readonly record struct AdvocacySignals(int? NpsScore = null, int QualifiedReferrals = 0, bool Insider = false)
{
    public static AdvocacySignals FromNps(int? score) => new(score);
}
