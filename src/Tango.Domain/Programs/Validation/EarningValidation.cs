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
            if (rule.When is { } when)
            {
                CheckConditions(when, $"{path}.when", errors);
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
        errors.NotNegative($"{path}.bonusPoints", rule.BonusPoints);
        errors.NotNegative($"{path}.maxPointsPerOrder", rule.MaxPointsPerOrder);
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
