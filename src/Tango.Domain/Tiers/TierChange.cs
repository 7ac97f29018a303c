namespace Tango.Domain.Tiers;

/// <summary>A member's tier before and after an event (the same when it did not move).</summary>
public sealed record TierChange(string? Before, string? After)
{
    public bool Moved => Before != After && After is not null;
}
