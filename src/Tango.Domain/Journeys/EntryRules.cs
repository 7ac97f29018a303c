namespace Tango.Domain.Journeys;

/// <summary>What entry conditions look at: the member's tier and consent, and the last analytics refresh about them.</summary>
public sealed record MemberFacts(string? Tier, bool ConsentEmail, string? Segment, double? PAlive, string? LoyaltyStage);

/// <summary>Who may enter a journey.</summary>
public static class EntryRules
{
    /// <summary>
    /// Null when the member may enter, else why not. A condition on an insight the member does not have yet
    /// (no analytics refresh, no purchase) keeps them out: the journey asked for evidence that is not there.
    /// </summary>
    public static string? Refusal(EntryConditions? conditions, MemberFacts member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (conditions is null)
        {
            return null;
        }
        if (conditions.Segments is { } segments && (member.Segment is null || !segments.Contains(member.Segment)))
        {
            return "segment";
        }
        if (conditions.Tiers is { } tiers && (member.Tier is null || !tiers.Contains(member.Tier)))
        {
            return "tier";
        }
        if (conditions.LoyaltyStages is { } stages && (member.LoyaltyStage is null || !stages.Contains(member.LoyaltyStage)))
        {
            return "loyalty-stage";
        }
        if (conditions.PAliveBelow is { } below && (member.PAlive is not { } p1 || p1 >= below))
        {
            return "p-alive";
        }
        if (conditions.PAliveAtLeast is { } least && (member.PAlive is not { } p2 || p2 < least))
        {
            return "p-alive";
        }
        if (conditions.Consent == "email" && !member.ConsentEmail)
        {
            return "consent";
        }
        return null;
    }
}
