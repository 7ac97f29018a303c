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

            ids.Check($"{path}.id", reward.Id);
            if (!Kinds.Contains(reward.Kind, StringComparer.Ordinal))
            {
                errors.Add($"{path}.kind", "must be one of coupon, product, experience, access.");
            }

            errors.NotNegative($"{path}.costPoints", reward.CostPoints);
            errors.NotNegative($"{path}.stock", reward.Stock);
            errors.NotNegative($"{path}.discountAmount", reward.DiscountAmount);
            errors.Range($"{path}.discountPercent", reward.DiscountPercent, 0m, 100m);
            for (var j = 0; j < (reward.Tiers?.Count ?? 0); j++)
            {
                if (!tierIds.Contains(reward.Tiers![j] ?? ""))
                {
                    errors.Add($"{path}.tiers[{j}]", $"'{reward.Tiers[j]}' is not the id of a tier in this program.");
                }
            }
        }
    }
}
