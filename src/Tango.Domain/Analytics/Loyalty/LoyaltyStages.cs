using Tango.Domain.Analytics.Kpis;

namespace Tango.Domain.Analytics.Loyalty;

/// <summary>
/// The loyalty stage of a member, by the first rule that holds:
/// <list type="number">
/// <item><c>none</c>: no purchase.</item>
/// <item><c>lapsing</c>: P(alive) &lt; 0.5; or no purchase in the active window when there is no P(alive)
/// or no repeat purchase (BG/NBD gives P(alive) = 1 to anyone who never repeated, so the window decides).</item>
/// <item><c>temporary</c>: no repeat purchase, or the first purchase fewer than 30 days ago (onboarding).</item>
/// <item><c>temporary</c>: fewer than 2 repeat purchases, or P(alive) &lt; 0.7 — not yet long-term.</item>
/// <item><c>fan</c>: long-term and advocating (<see cref="LoyaltyFacts.Advocates"/>).</item>
/// <item><c>long-term</c>: everything else.</item>
/// </list>
/// </summary>
public static class LoyaltyStages
{
    public const double LapsingBelowPAlive = 0.5;
    public const double LongTermMinPAlive = 0.7;
    public const int LongTermMinRepeatPurchases = 2;
    public const int OnboardingDays = 30;

    public static LoyaltyStage Of(in LoyaltyFacts member, DateOnly asOf, int activeWindowDays = ActiveWindow.DefaultDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(activeWindowDays, 1);
        if (member.Orders <= 0 || member.FirstPurchase is not { } first || member.LastPurchase is not { } last)
        {
            return LoyaltyStage.None;
        }

        var repeats = member.RepeatPurchases;
        var active = ActiveWindow.Contains(last, asOf, activeWindowDays);
        if (member.PAlive < LapsingBelowPAlive || (!active && (member.PAlive is null || repeats == 0)))
        {
            return LoyaltyStage.Lapsing;
        }

        if (repeats == 0 || asOf.DayNumber - first.DayNumber < OnboardingDays)
        {
            return LoyaltyStage.Temporary;
        }

        // Without a model the window stands in for P(alive), and step 2 already required it.
        if (repeats < LongTermMinRepeatPurchases || member.PAlive < LongTermMinPAlive)
        {
            return LoyaltyStage.Temporary;
        }

        return member.Advocates ? LoyaltyStage.Fan : LoyaltyStage.LongTerm;
    }

    /// <summary>The API value, e.g. <c>long-term</c>.</summary>
    public static string Name(this LoyaltyStage stage) => stage switch
    {
        LoyaltyStage.None => "none",
        LoyaltyStage.Temporary => "temporary",
        LoyaltyStage.LongTerm => "long-term",
        LoyaltyStage.Fan => "fan",
        LoyaltyStage.Lapsing => "lapsing",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}
