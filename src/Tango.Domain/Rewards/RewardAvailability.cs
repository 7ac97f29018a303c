namespace Tango.Domain.Rewards;

/// <summary>Who is looking at the catalog: their tier, RFM segment and balance (null: not known, not checked).</summary>
public sealed record RewardViewer(string? TierId, string? Segment, long? Balance);

/// <summary>One reason a reward cannot be taken now, e.g. ("tier-required", "Reward 'x' is for gold members only.").</summary>
public sealed record RewardRefusal(string Code, string Message);

/// <summary>
/// Whether a viewer may take a reward now and every reason they may not. <paramref name="Visible"/> is false for a
/// member-only reward the viewer is not a member of; <paramref name="OpensOn"/> is the viewer's first day.
/// </summary>
public sealed record RewardAvailability(bool Visible, bool MayTake, DateOnly? OpensOn, IReadOnlyList<RewardRefusal> Reasons);

/// <summary>The refusal codes, as the catalog and the redemption problems name them.</summary>
public static class RewardRefusals
{
    public const string MembersOnly = "members-only";
    public const string TierRequired = "tier-required";
    public const string NotYetOpen = "not-yet-open";
    public const string Expired = "reward-expired";
    public const string OutOfStock = "out-of-stock";
    public const string InsufficientPoints = "insufficient-points";
}
