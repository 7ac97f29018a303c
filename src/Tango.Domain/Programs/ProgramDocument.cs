namespace Tango.Domain.Programs;

/// <summary>
/// A tenant's loyalty program: earning rules, expiry, cashback, tiers, referral terms, rewards,
/// challenges, service quality (SLA targets, service recovery), surprises and when an event is history. Serialise with
/// <see cref="ProgramJson.Options"/>; check with <see cref="ProgramValidator"/>.
/// </summary>
public sealed record ProgramDocument
{
    /// <summary>What a new tenant starts with: one point per whole EUR spent, nothing else.</summary>
    public static ProgramDocument Default { get; } = new();

    /// <summary>ISO 4217 code of every amount in the program and in its purchases.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>IANA time zone for weekday and date conditions; null means UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Whether an event for an unknown member enrols it; null means true.</summary>
    public bool? AutoEnrol { get; init; }

    public EarningPolicy Earning { get; init; } = new();

    public ExpiryPolicy? Expiry { get; init; }

    public CashbackPolicy? Cashback { get; init; }

    public IReadOnlyList<TierDefinition>? Tiers { get; init; }

    public TierPolicy? TierPolicy { get; init; }

    public ReferralTerms? Referral { get; init; }

    public IReadOnlyList<RewardDefinition>? Rewards { get; init; }

    public IReadOnlyList<ChallengeDefinition>? Challenges { get; init; }

    public ServicePolicy? Service { get; init; }

    public SurprisePolicy? Surprises { get; init; }

    /// <summary>How old an event must be, when it arrives, to count as history; null means 7 days.</summary>
    public HistoryPolicy? History { get; init; }
}
