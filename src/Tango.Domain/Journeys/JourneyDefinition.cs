namespace Tango.Domain.Journeys;

/// <summary>
/// A journey as a tenant defines it (`PUT /v1/journeys/{key}`): a trigger, entry conditions, timed steps,
/// an exit, a re-entry policy and the measurement and politeness settings. Every field is nullable so
/// that the validator, not the JSON reader, names what is missing; see <see cref="JourneyValidator"/>.
/// </summary>
public sealed record JourneyDefinition
{
    public string? Name { get; init; }

    /// <summary>Whether it runs; false until switched on (a PUT may switch it on too).</summary>
    public bool? Enabled { get; init; }

    public TriggerSpec? Trigger { get; init; }

    public EntryConditions? Conditions { get; init; }

    public IReadOnlyList<StepSpec>? Steps { get; init; }

    public ExitSpec? Exit { get; init; }

    public ReentrySpec? Reentry { get; init; }

    /// <summary>Share of entering members held out (recorded, sent nothing), 0–50.</summary>
    public decimal? HoldoutPercent { get; init; }

    public FrequencyCapSpec? FrequencyCap { get; init; }

    public QuietHoursSpec? QuietHours { get; init; }

    /// <summary>A purchase within this many days of the trigger counts as a conversion; 7 when left out.</summary>
    public int? ConversionWindowDays { get; init; }

    /// <summary>Transactional messages (an apology, an incident) skip marketing consent and the frequency cap.</summary>
    public bool? Transactional { get; init; }
}

/// <summary>What starts a journey; see <see cref="TriggerTypes"/> for the types and their options.</summary>
public sealed record TriggerSpec
{
    public string? Type { get; init; }

    /// <summary>ISO-8601 duration from the trigger to the first step ("PT4H" for an abandoned cart).</summary>
    public string? Delay { get; init; }

    /// <summary>For `event`: the event type that starts it (`custom.review-posted`, `cart.updated`, …).</summary>
    public string? Event { get; init; }

    /// <summary>For `reactivation`: P(alive) below this starts it.</summary>
    public double? PAliveBelow { get; init; }

    /// <summary>For `reactivation`: entering one of these RFM segments starts it.</summary>
    public IReadOnlyList<string>? Segments { get; init; }

    /// <summary>For `birthday` and `anniversary`: start this many days before the date (0–30); for `replenishment`, before the supply runs out (default 3).</summary>
    public int? DaysBefore { get; init; }

    /// <summary>For `replenishment`: only these skus; every sku the member buys again when left out.</summary>
    public IReadOnlyList<string>? Skus { get; init; }

    /// <summary>For `replenishment`: days a purchase of the sku lasts, used until the member's own repeat purchases say (1–365).</summary>
    public IReadOnlyDictionary<string, int>? Periods { get; init; }

    /// <summary>For `service-recovery`: which recovery causes (detractor, sla-breach); both when left out.</summary>
    public IReadOnlyList<string>? Causes { get; init; }
}

/// <summary>Who may enter, checked when the trigger fires. Left out, everyone may.</summary>
public sealed record EntryConditions
{
    public IReadOnlyList<string>? Segments { get; init; }

    public IReadOnlyList<string>? Tiers { get; init; }

    public IReadOnlyList<string>? LoyaltyStages { get; init; }

    public double? PAliveBelow { get; init; }

    public double? PAliveAtLeast { get; init; }

    /// <summary>"email": only members who consented to marketing email enter.</summary>
    public string? Consent { get; init; }
}

/// <summary>
/// One step. `send` {channel, subject?, template, survey?}; `grant` {points, reason?}; `wait` {duration};
/// `branch` {if: {purchased | event}, then, else} where then/else name a step id or "exit".
/// </summary>
public sealed record StepSpec
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Channel { get; init; }

    public string? Subject { get; init; }

    public string? Template { get; init; }

    /// <summary>For `send`: make a survey invitation (nps or csat) and offer its link as `survey.url`.</summary>
    public string? Survey { get; init; }

    public long? Points { get; init; }

    public string? Reason { get; init; }

    public string? Duration { get; init; }

    public BranchCondition? If { get; init; }

    public string? Then { get; init; }

    public string? Else { get; init; }
}

/// <summary>"Did the member do this since the trigger?": a purchase, or an event of the given type.</summary>
public sealed record BranchCondition
{
    public bool? Purchased { get; init; }

    public string? Event { get; init; }
}

/// <summary>Leave the journey (before the next step) once the member purchased or did one of these events.</summary>
public sealed record ExitSpec
{
    public bool? OnPurchase { get; init; }

    public IReadOnlyList<string>? OnEvents { get; init; }
}

/// <summary>`never` (once per member), `always` (every new occasion) or `after` N days since the last entry.</summary>
public sealed record ReentrySpec
{
    public string? Policy { get; init; }

    public int? AfterDays { get; init; }
}

/// <summary>At most `max` marketing messages per member per channel within `perDays` days, across journeys.</summary>
public sealed record FrequencyCapSpec
{
    public int? Max { get; init; }

    public int? PerDays { get; init; }
}

/// <summary>No sends between `start` and `end` (HH:mm) in the member's time zone; a send due then waits for `end`.</summary>
public sealed record QuietHoursSpec
{
    public string? Start { get; init; }

    public string? End { get; init; }
}
