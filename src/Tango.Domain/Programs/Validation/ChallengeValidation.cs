namespace Tango.Domain.Programs;

internal static class ChallengeValidation
{
    public static void Check(IReadOnlyList<ChallengeDefinition>? challenges, ValidationErrors errors)
    {
        var ids = new Ids(errors);
        for (var i = 0; i < (challenges?.Count ?? 0); i++)
        {
            var path = $"challenges[{i}]";
            if (challenges![i] is not { } challenge)
            {
                errors.Add(path, "must not be null.");
                continue;
            }

            ids.Check($"{path}.id", challenge.Id);
            if (string.IsNullOrWhiteSpace(challenge.Event))
            {
                errors.Add($"{path}.event", "must name an event type.");
            }

            if (challenge.Count < 1)
            {
                errors.Add($"{path}.count", "must be at least 1.");
            }

            if (challenge.WindowDays < 1)
            {
                errors.Add($"{path}.windowDays", "must be at least 1.");
            }

            errors.NotNegative($"{path}.reward.points", challenge.Reward?.Points);
            if (challenge.Reward?.Badge is { } badge && string.IsNullOrWhiteSpace(badge))
            {
                errors.Add($"{path}.reward.badge", "must not be empty.");
            }
        }
    }
}
