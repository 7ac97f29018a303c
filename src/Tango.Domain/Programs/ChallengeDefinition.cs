namespace Tango.Domain.Programs;

/// <summary>
/// A challenge members can see: <c>count</c> ("3 purchases in 30 days") or <c>streak</c> ("a purchase every week for
/// 4 weeks"), on purchases or any other stored event type (e.g. custom.review), with a reward in points and/or a
/// badge, paid once or every time it is completed again. See docs/referrals-and-challenges.md.
/// </summary>
public sealed record ChallengeDefinition
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Event type that counts, e.g. "purchase" or "custom.review".</summary>
    public string Event { get; init; } = "";

    /// <summary>"count" (the default) or "streak".</summary>
    public string? Kind { get; init; }

    /// <summary>A count challenge: events needed within the window. A streak: events needed in each period (default 1).</summary>
    public int Count { get; init; } = 1;

    /// <summary>A count challenge's rolling window. A streak's window is <see cref="PeriodDays"/> × <see cref="Periods"/>.</summary>
    public int WindowDays { get; init; }

    /// <summary>A streak's period in days (7: weekly, Monday to Sunday in the program's time zone).</summary>
    public int? PeriodDays { get; init; }

    /// <summary>A streak's length: consecutive periods each with <see cref="Count"/> events.</summary>
    public int? Periods { get; init; }

    /// <summary>"once" (the default): completed and paid once per member; "always": every time it is completed again.</summary>
    public string? Repeat { get; init; }

    public ChallengeReward? Reward { get; init; }
}
