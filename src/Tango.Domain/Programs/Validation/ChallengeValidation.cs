using System.Text.RegularExpressions;

namespace Tango.Domain.Programs;

internal static partial class ChallengeValidation
{
    [GeneratedRegex("^(purchase|cart\\.updated|cart\\.converted|product\\.viewed|custom\\.[A-Za-z0-9_.-]{1,64})$")]
    private static partial Regex EventType();

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
            else if (!EventType().IsMatch(challenge.Event))
            {
                errors.Add($"{path}.event", "must be purchase, cart.updated, cart.converted, product.viewed or custom.<name>.");
            }

            errors.Range($"{path}.count", challenge.Count, 1, 10_000);

            CheckShape(challenge, path, errors);
            if (challenge.Repeat is not (null or "once" or "always"))
            {
                errors.Add($"{path}.repeat", "must be once or always.");
            }

            errors.Range($"{path}.reward.points", challenge.Reward?.Points, 0, 1_000_000_000);
            if (challenge.Reward?.Badge is { } badge && (string.IsNullOrWhiteSpace(badge) || badge.Length > 64))
            {
                errors.Add($"{path}.reward.badge", "must be 1 to 64 characters.");
            }
        }
    }

    /// <summary>A count challenge needs its window; a streak its period and length, and a window only if it agrees with them.</summary>
    private static void CheckShape(ChallengeDefinition challenge, string path, ValidationErrors errors)
    {
        switch (challenge.Kind)
        {
            case null or "count":
                errors.Range($"{path}.windowDays", challenge.WindowDays, 1, 3660);
                if (challenge.PeriodDays is not null)
                {
                    errors.Add($"{path}.periodDays", "only a streak has periods.");
                }

                if (challenge.Periods is not null)
                {
                    errors.Add($"{path}.periods", "only a streak has periods.");
                }

                break;
            case "streak":
                if (challenge.PeriodDays is null)
                {
                    errors.Add($"{path}.periodDays", "a streak needs its period in days (7 for weekly).");
                }

                errors.Range($"{path}.periodDays", challenge.PeriodDays, 1, 366);
                if (challenge.Periods is null)
                {
                    errors.Add($"{path}.periods", "a streak needs its length in periods.");
                }

                errors.Range($"{path}.periods", challenge.Periods, 1, 520);
                if (challenge.WindowDays != 0 && challenge.PeriodDays * challenge.Periods is { } span && challenge.WindowDays != span)
                {
                    errors.Add($"{path}.windowDays", $"a streak's window is periodDays × periods ({span}); leave it out or make it {span}.");
                }

                break;
            default:
                errors.Add($"{path}.kind", "must be count or streak.");
                break;
        }
    }
}
