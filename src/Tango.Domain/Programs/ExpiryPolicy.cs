namespace Tango.Domain.Programs;

public sealed record ExpiryPolicy
{
    /// <summary>Earned points expire this many calendar months after they were earned.</summary>
    public int Months { get; init; }
}
