namespace Tango.Domain.Journeys;

/// <summary>
/// Whether a member who was in a journey before may enter it again for a new occasion (another order, next
/// year's birthday). The same occasion never enters twice: that is the store's unique key.
/// </summary>
public static class ReentryPolicies
{
    public const string Never = "never";
    public const string Always = "always";
    public const string After = "after";

    /// <summary>Reactivation re-enters at most every 90 days unless told otherwise, so a lapsing member is not nagged daily.</summary>
    public static ReentrySpec Effective(JourneyDefinition journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return journey.Reentry ?? (journey.Trigger?.Type == TriggerTypes.Reactivation
            ? new ReentrySpec { Policy = After, AfterDays = 90 }
            : new ReentrySpec { Policy = Always });
    }

    /// <summary>May a member whose latest entry began at <paramref name="lastEntered"/> (null: never) enter now?</summary>
    public static bool Allows(ReentrySpec policy, DateTimeOffset? lastEntered, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return lastEntered is not { } last || policy.Policy switch
        {
            Never => false,
            After => now >= last.AddDays(policy.AfterDays ?? 0),
            _ => true,
        };
    }
}
