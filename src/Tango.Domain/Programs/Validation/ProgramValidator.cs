using Tango.Domain.Money;

namespace Tango.Domain.Programs;

/// <summary>Checks a program document and names every broken field by its camelCase JSON path.</summary>
public static class ProgramValidator
{
    /// <returns>Messages keyed by path (e.g. "earning.rules[1].multiplier"); empty when valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(ProgramDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var errors = new ValidationErrors();

        if (!Currency.IsKnown(doc.Currency))
        {
            errors.Add("currency", $"'{doc.Currency}' is not a known ISO 4217 currency code.");
        }

        if (doc.TimeZone is not null && !TimeZoneExists(doc.TimeZone))
        {
            errors.Add("timeZone", $"'{doc.TimeZone}' is not a known time zone id.");
        }

        EarningValidation.Check(doc.Earning, errors);
        if (doc.Expiry is { Months: < 1 or > 600 })
        {
            errors.Add("expiry.months", "must be between 1 and 600.");
        }
        else if (doc.Expiry is { Months: var months } && doc.Earning?.PendingDays is { } pending && pending >= months * 28)
        {
            // A lot would expire before, or soon after, it could first be spent.
            errors.Add("earning.pendingDays", $"must be shorter than the points' life: under {months * 28} days for expiry.months {months}.");
        }

        if (doc.Cashback is { Percent: < 0 or > 100 })
        {
            errors.Add("cashback.percent", "must be between 0 and 100.");
        }

        TierValidation.Check(doc, errors);
        ReferralValidation.Check(doc.Referral, errors);
        RewardValidation.Check(doc, errors);
        ChallengeValidation.Check(doc.Challenges, errors);
        ServiceValidation.Check(doc.Service, errors);
        SurpriseValidation.Check(doc, errors);
        if (doc.History is { } history)
        {
            errors.Range("history.afterDays", history.AfterDays, 1, 3650);
        }
        return errors.ToDictionary();
    }

    private static bool TimeZoneExists(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
