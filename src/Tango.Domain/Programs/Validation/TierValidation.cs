using Tango.Domain.Tiers;

namespace Tango.Domain.Programs;

internal static class TierValidation
{
    public static void Check(ProgramDocument doc, ValidationErrors errors)
    {
        var metric = doc.TierPolicy?.Metric ?? TierMetrics.Spend;
        var ids = new Ids(errors);
        decimal? previous = null;
        for (var i = 0; i < (doc.Tiers?.Count ?? 0); i++)
        {
            var path = $"tiers[{i}]";
            if (doc.Tiers![i] is not { } tier)
            {
                errors.Add(path, "must not be null.");
                continue;
            }

            ids.Check($"{path}.id", tier.Id);
            errors.NotNegative($"{path}.minSpend", tier.MinSpend);
            errors.NotNegative($"{path}.minPoints", tier.MinPoints);
            errors.NotNegative($"{path}.minPurchases", tier.MinPurchases);
            errors.Multiplier($"{path}.multiplier", tier.Multiplier);

            // Qualification takes the last tier reached, so equal thresholds would hide the earlier tier.
            var threshold = TierMetrics.Threshold(tier, metric);
            if (threshold <= previous)
            {
                errors.Add($"{path}.{ThresholdField(tier, metric)}", "must be greater than the previous tier's threshold.");
            }

            previous = threshold;
        }

        CheckPolicy(doc.TierPolicy, errors);
    }

    private static string ThresholdField(TierDefinition tier, string metric) => metric switch
    {
        TierMetrics.Points when tier.MinPoints is not null => "minPoints",
        TierMetrics.Purchases when tier.MinPurchases is not null => "minPurchases",
        _ => "minSpend",
    };

    private static void CheckPolicy(TierPolicy? policy, ValidationErrors errors)
    {
        if (policy is null)
        {
            return;
        }

        if (!TierMetrics.IsKnown(policy.Metric))
        {
            errors.Add("tierPolicy.metric", "must be one of spend, points, purchases.");
        }

        errors.Range("tierPolicy.windowMonths", policy.WindowMonths, 1, 120);
        errors.Range("tierPolicy.downgradeGraceMonths", policy.DowngradeGraceMonths, 0, 120);
    }
}
