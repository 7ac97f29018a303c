namespace Tango.Domain.Programs;

internal static class EarningValidation
{
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static void Check(EarningPolicy? earning, ValidationErrors errors)
    {
        if (earning is null)
        {
            errors.Add("earning", "is required.");
            return;
        }

        errors.Range("earning.pointsPerUnit", earning.PointsPerUnit, 0m, 1_000_000m);
        var ids = new Ids(errors);
        for (var i = 0; i < (earning.Rules?.Count ?? 0); i++)
        {
            var path = $"earning.rules[{i}]";
            if (earning.Rules![i] is not { } rule)
            {
                errors.Add(path, "must not be null.");
                continue;
            }

            ids.Check($"{path}.id", rule.Id);
            CheckEffect(rule, path, errors);
            errors.Range($"{path}.priority", rule.Priority, -1000, 1000);
            if (rule.When is { } when)
            {
                CheckConditions(when, $"{path}.when", errors);
            }
        }

        CheckExtensions(earning, errors);
    }

    /// <summary>Exclusions, paid share, pending days and limits: all optional, each with a default that changes nothing.</summary>
    private static void CheckExtensions(EarningPolicy earning, ValidationErrors errors)
    {
        if (earning.Exclude is { } exclude)
        {
            NonEmptyValues(exclude.Categories, "earning.exclude.categories", errors);
            NonEmptyValues(exclude.Skus, "earning.exclude.skus", errors);
        }

        errors.Range("earning.pendingDays", earning.PendingDays, 0, 365);
        if (earning.Limits is { } limits)
        {
            if (limits.PerDay is null && limits.PerMonth is null)
            {
                errors.Add("earning.limits", "needs perDay, perMonth or both.");
            }
            errors.Range("earning.limits.perDay", limits.PerDay, 1, 1_000_000_000_000);
            errors.Range("earning.limits.perMonth", limits.PerMonth, 1, 1_000_000_000_000);
            if (limits.PerDay > limits.PerMonth)
            {
                errors.Add("earning.limits.perDay", "must not be more than perMonth.");
            }
        }
    }

    private static void CheckEffect(EarningRule rule, string path, ValidationErrors errors)
    {
        if (rule.Multiplier is null && rule.BonusPoints is null)
        {
            errors.Add($"{path}.multiplier", "a rule needs a multiplier, bonusPoints or both.");
        }

        errors.Multiplier($"{path}.multiplier", rule.Multiplier);
        errors.Range($"{path}.bonusPoints", rule.BonusPoints, 0, Ledger.Points.MaxAmount);
        errors.Range($"{path}.maxPointsPerOrder", rule.MaxPointsPerOrder, 0, Ledger.Points.MaxAmount);
    }

    private static void CheckConditions(RuleConditions when, string path, ValidationErrors errors)
    {
        NonEmptyValues(when.Categories, $"{path}.categories", errors);
        NonEmptyValues(when.Skus, $"{path}.skus", errors);
        NonEmptyValues(when.Channels, $"{path}.channels", errors);
        for (var j = 0; j < (when.DaysOfWeek?.Count ?? 0); j++)
        {
            if (!Days.Contains(when.DaysOfWeek![j], StringComparer.Ordinal))
            {
                errors.Add($"{path}.daysOfWeek[{j}]", "must be one of mon, tue, wed, thu, fri, sat, sun.");
            }
        }

        if (when.From > when.To)
        {
            errors.Add($"{path}.to", "must not be before from.");
        }

        errors.NotNegative($"{path}.minTotal", when.MinTotal);
    }

    private static void NonEmptyValues(IReadOnlyList<string>? values, string path, ValidationErrors errors)
    {
        for (var j = 0; j < (values?.Count ?? 0); j++)
        {
            if (string.IsNullOrWhiteSpace(values![j]))
            {
                errors.Add($"{path}[{j}]", "must not be empty.");
            }
        }
    }
}
