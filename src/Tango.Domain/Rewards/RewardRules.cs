using System.Globalization;
using Tango.Domain.Programs;

namespace Tango.Domain.Rewards;

/// <summary>
/// The catalog's rules, the same for the catalog and for redemption: tiers, member-only visibility (tiers or
/// segments), the validity window, early access for the club N days before everyone else, stock and points.
/// </summary>
public static class RewardRules
{
    /// <summary>Today in the program's time zone: validity dates are local dates.</summary>
    public static DateOnly Today(ProgramDocument program, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(program);
        var zone = program.TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <param name="stockLeft">Units left; null for a reward without stock.</param>
    public static RewardAvailability Check(RewardDefinition reward, RewardViewer viewer, DateOnly today, long? stockLeft)
    {
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(viewer);
        var reasons = new List<RewardRefusal>();
        var inAudience = InAudience(reward.VisibleTo, viewer);
        var earlyAccess = reward.EarlyAccessDays is > 0 && reward.ValidFrom is not null;
        var visible = inAudience || earlyAccess || reward.VisibleTo is null;
        if (!visible)
        {
            reasons.Add(new RewardRefusal(RewardRefusals.MembersOnly, $"Reward '{reward.Id}' is for {Audience(reward.VisibleTo!)} only."));
        }
        if (reward.Tiers is { Count: > 0 } tiers && !tiers.Contains(viewer.TierId ?? ""))
        {
            // Worded as redemption has always worded it.
            reasons.Add(new RewardRefusal(RewardRefusals.TierRequired, $"Reward '{reward.Id}' is for {string.Join(", ", tiers)} members only."));
        }
        var opensOn = OpensOn(reward, inAudience);
        if (opensOn is { } opens && today < opens)
        {
            reasons.Add(new RewardRefusal(RewardRefusals.NotYetOpen, NotYetOpen(reward, inAudience, opens)));
        }
        if (reward.ValidTo is { } validTo && today > validTo)
        {
            reasons.Add(new RewardRefusal(RewardRefusals.Expired, $"Reward '{reward.Id}' could be taken until {Date(validTo)}."));
        }
        if (stockLeft is <= 0)
        {
            reasons.Add(new RewardRefusal(RewardRefusals.OutOfStock, $"Reward '{reward.Id}' is out of stock."));
        }
        if (viewer.Balance is { } balance && balance < reward.CostPoints)
        {
            reasons.Add(new RewardRefusal(RewardRefusals.InsufficientPoints, $"The member has {balance} points; {reward.CostPoints} are needed."));
        }
        return new RewardAvailability(visible, reasons.Count == 0, opensOn, reasons);
    }

    /// <summary>The first day this viewer may take it: validFrom, or earlyAccessDays before it for the club.</summary>
    private static DateOnly? OpensOn(RewardDefinition reward, bool inAudience) =>
        reward.ValidFrom is { } from && reward.EarlyAccessDays is { } days and > 0 && inAudience ? from.AddDays(-days) : reward.ValidFrom;

    private static string NotYetOpen(RewardDefinition reward, bool inAudience, DateOnly opens)
    {
        if (reward.EarlyAccessDays is > 0 && reward.VisibleTo is { } audience && !inAudience)
        {
            var early = reward.ValidFrom!.Value.AddDays(-reward.EarlyAccessDays.Value);
            return $"Reward '{reward.Id}' opens to everyone on {Date(opens)}; {Audience(audience)} may take it from {Date(early)}.";
        }
        return $"Reward '{reward.Id}' opens on {Date(opens)}.";
    }

    public static bool InAudience(RewardAudience? audience, RewardViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return audience is not null &&
            ((viewer.TierId is { } tier && audience.Tiers?.Contains(tier, StringComparer.Ordinal) == true) ||
             (viewer.Segment is { } segment && audience.Segments?.Contains(segment, StringComparer.Ordinal) == true));
    }

    private static string Audience(RewardAudience audience)
    {
        var parts = new List<string>();
        if (audience.Tiers is { Count: > 0 } tiers)
        {
            parts.Add($"{string.Join(", ", tiers)} members");
        }
        if (audience.Segments is { Count: > 0 } segments)
        {
            parts.Add($"members in {string.Join(", ", segments)}");
        }
        return string.Join(" and ", parts);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
