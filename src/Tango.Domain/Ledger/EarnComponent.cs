namespace Tango.Domain.Ledger;

/// <summary>One share of an order's points; <paramref name="RuleId"/> is null for the base share.</summary>
public sealed record EarnComponent(string? RuleId, long Points, string Reason);
