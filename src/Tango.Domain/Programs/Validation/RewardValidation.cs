using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Programs;

internal static class RewardValidation
{
    private static readonly string[] Kinds = ["coupon", "product", "experience", "access"];

    public static void Check(ProgramDocument doc, ValidationErrors errors)
    {
        var tierIds = (doc.Tiers ?? []).Where(t => t is not null).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new Ids(errors);
        for (var i = 0; i < (doc.Rewards?.Count ?? 0); i++)
        {
            var path = $"rewards[{i}]";
            if (doc.Rewards![i] is not { } reward)
            {
                errors.Add(path, "must not be null.");
                continue;
            }

            ids.CheckShopId($"{path}.id", reward.Id);
            if (!Kinds.Contains(reward.Kind, StringComparer.Ordinal))
            {
                errors.Add($"{path}.kind", "must be one of coupon, product, experience, access.");
            }

            errors.Range($"{path}.costPoints", reward.CostPoints, 0, Ledger.Points.MaxAmount);
            errors.NotNegative($"{path}.stock", reward.Stock);
            errors.NotNegative($"{path}.discountAmount", reward.DiscountAmount);
            errors.Range($"{path}.discountPercent", reward.DiscountPercent, 0m, 100m);
            KnownTiers(reward.Tiers, $"{path}.tiers", tierIds, errors);
            CheckClub(reward, path, tierIds, errors);
        }
    }

    /// <summary>Validity window, member-only visibility and early access.</summary>
    private static void CheckClub(RewardDefinition reward, string path, HashSet<string> tierIds, ValidationErrors errors)
    {
        if (reward.ValidFrom > reward.ValidTo)
        {
            errors.Add($"{path}.validTo", "must not be before validFrom.");
        }

        if (reward.VisibleTo is { } audience)
        {
            KnownTiers(audience.Tiers, $"{path}.visibleTo.tiers", tierIds, errors);
            for (var j = 0; j < (audience.Segments?.Count ?? 0); j++)
            {
                if (!RfmSegments.TryParse(audience.Segments![j], out _))
                {
                    errors.Add($"{path}.visibleTo.segments[{j}]", $"'{audience.Segments[j]}' is not a segment: one of {string.Join(", ", RfmSegments.All.Select(s => s.Name()))}.");
                }
            }

            if ((audience.Tiers?.Count ?? 0) + (audience.Segments?.Count ?? 0) == 0)
            {
                errors.Add($"{path}.visibleTo", "must name at least one tier or segment.");
            }
        }

        if (reward.EarlyAccessDays is { } days)
        {
            errors.Range($"{path}.earlyAccessDays", days, 1, 365);
            if (reward.ValidFrom is null)
            {
                errors.Add($"{path}.earlyAccessDays", "needs validFrom: early access is counted back from it.");
            }

            if (reward.VisibleTo is null)
            {
                errors.Add($"{path}.earlyAccessDays", "needs visibleTo: the members who get early access.");
            }
        }
    }

    private static void KnownTiers(IReadOnlyList<string>? tiers, string path, HashSet<string> tierIds, ValidationErrors errors)
    {
        for (var j = 0; j < (tiers?.Count ?? 0); j++)
        {
            if (!tierIds.Contains(tiers![j] ?? ""))
            {
                errors.Add($"{path}[{j}]", $"'{tiers[j]}' is not the id of a tier in this program.");
            }
        }
    }
}
