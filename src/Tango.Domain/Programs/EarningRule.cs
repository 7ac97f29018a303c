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
}
