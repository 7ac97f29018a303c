namespace Tango.Domain.Programs;

/// <summary>Whether the part of an order paid with points or wallet earns points.</summary>
public enum PaidShare
{
    /// <summary>Only the part paid with money earns.</summary>
    Exclude,

    /// <summary>The whole total earns, however it was paid.</summary>
    Earn,
}
