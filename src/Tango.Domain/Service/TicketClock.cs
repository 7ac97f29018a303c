namespace Tango.Domain.Service;

/// <summary>Which SLA targets of a ticket are breached at an instant.</summary>
[Flags]
public enum SlaBreach
{
    None = 0,
    FirstResponse = 1,
    Resolution = 2,
}

/// <summary>
/// A ticket's SLA clock. A target due at T must be met before T: at T exactly, with nothing done, it is
/// breached (so a deadline is one instant, not two, and a job running at T finds the breach).
/// </summary>
public sealed record TicketClock(
    DateTimeOffset FirstResponseDueAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? FirstResponseBreachedAt,
    DateTimeOffset ResolutionDueAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ResolutionBreachedAt)
{
    public static (DateTimeOffset FirstResponseDueAt, DateTimeOffset ResolutionDueAt) DueTimes(DateTimeOffset openedAt, SlaTarget target) =>
        (openedAt + target.FirstResponse, openedAt + target.Resolution);

    public static bool IsLate(DateTimeOffset due, DateTimeOffset at) => at >= due;

    /// <summary>Targets breached by <paramref name="now"/> (or met late) and not marked yet.</summary>
    public SlaBreach NewBreaches(DateTimeOffset now)
    {
        var breaches = SlaBreach.None;
        if (FirstResponseBreachedAt is null && IsLate(FirstResponseDueAt, FirstResponseAt ?? now))
        {
            breaches |= SlaBreach.FirstResponse;
        }
        if (ResolutionBreachedAt is null && IsLate(ResolutionDueAt, ResolvedAt ?? now))
        {
            breaches |= SlaBreach.Resolution;
        }
        return breaches;
    }

    /// <summary>
    /// The next instant at which a target can breach: the earliest due time of a target not yet met and not
    /// yet marked; null when nothing is pending. The breach job and the staff view order by it.
    /// </summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            DateTimeOffset? first = FirstResponseAt is null && FirstResponseBreachedAt is null ? FirstResponseDueAt : null;
            DateTimeOffset? resolution = ResolvedAt is null && ResolutionBreachedAt is null ? ResolutionDueAt : null;
            return first is null ? resolution : resolution is null ? first : first < resolution ? first : resolution;
        }
    }

    /// <summary>Marks the given breaches at their due time, the instant each target was missed.</summary>
    public TicketClock Mark(SlaBreach breaches) => this with
    {
        FirstResponseBreachedAt = breaches.HasFlag(SlaBreach.FirstResponse) ? FirstResponseDueAt : FirstResponseBreachedAt,
        ResolutionBreachedAt = breaches.HasFlag(SlaBreach.Resolution) ? ResolutionDueAt : ResolutionBreachedAt,
    };
}
