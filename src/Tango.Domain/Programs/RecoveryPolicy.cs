namespace Tango.Domain.Programs;

/// <summary>What a service-recovery case grants the member besides the apology.</summary>
public sealed record RecoveryPolicy
{
    /// <summary>Points granted per recovery case; none when left out.</summary>
    public long? CompensationPoints { get; init; }

    /// <summary>
    /// The most compensation points one member receives per calendar month (UTC); when left out, one
    /// compensation's worth, so a run of breaches cannot become a points fountain.
    /// </summary>
    public long? MaxPointsPerMemberPerMonth { get; init; }
}
