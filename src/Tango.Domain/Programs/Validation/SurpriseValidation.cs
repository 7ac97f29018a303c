namespace Tango.Domain.Programs;

internal static class SurpriseValidation
{
    public static void Check(ProgramDocument doc, ValidationErrors errors)
    {
        if (doc.Surprises is not { } policy)
        {
            return;
        }

        errors.Range("surprises.monthlyBudgetPoints", policy.MonthlyBudgetPoints, 0, 1_000_000_000_000);
        errors.Range("surprises.chancePercent", policy.ChancePercent, 0m, 100m);
        errors.Range("surprises.minDaysBetweenPerMember", policy.MinDaysBetweenPerMember, 0, 3650);
        if (policy.Rewards is not { Count: > 0 })
        {
            errors.Add("surprises.rewards", "must list at least one surprise.");
            return;
        }

        var rewards = (doc.Rewards ?? []).Where(r => r is not null).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new Ids(errors);
        for (var i = 0; i < policy.Rewards.Count; i++)
        {
            var path = $"surprises.rewards[{i}]";
            if (policy.Rewards[i] is not { } surprise)
            {
                errors.Add(path, "must not be null.");
                continue;
            }

            ids.Check($"{path}.id", surprise.Id);
            if ((surprise.Points is null) == (surprise.RewardId is null))
            {
                errors.Add($"{path}.points", "a surprise is either points or a rewardId from the catalog, not both or neither.");
            }

            errors.Range($"{path}.points", surprise.Points, 1, 1_000_000_000);
            if (surprise.RewardId is { } rewardId && !rewards.Contains(rewardId))
            {
                errors.Add($"{path}.rewardId", $"'{rewardId}' is not the id of a reward in this program.");
            }
        }
    }
}
