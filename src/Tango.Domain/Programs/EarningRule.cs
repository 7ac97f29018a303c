namespace Tango.Domain.Programs;

public sealed record EarningRule
{
    /// <summary>Names the rule on every ledger line it produces.</summary>
    public string Id { get; init; } = "";

    public RuleConditions? When { get; init; }

    /// <summary>Factor on the lines this rule wins; only the largest matching multiplier applies per line.</summary>
    public decimal? Multiplier { get; init; }

    /// <summary>Flat points added once per matching order.</summary>
    public long? BonusPoints { get; init; }

    /// <summary>Upper bound on what this rule adds over the base.</summary>
    public long? MaxPointsPerOrder { get; init; }

    /// <summary>Rules are weighed highest priority first (ties in document order); null is 0.</summary>
    public int? Priority { get; init; }

    /// <summary>
    /// When this rule matches, rules of lower place in that order are not applied: on the lines it matches
    /// (multipliers) and, once it matches the order, to the order (bonuses).
    /// </summary>
    public bool? Stop { get; init; }
}
