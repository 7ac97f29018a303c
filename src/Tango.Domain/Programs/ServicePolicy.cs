namespace Tango.Domain.Programs;

/// <summary>
/// Service quality: SLA targets per ticket priority, service recovery and survey invitations. Every part is
/// optional; what is left out takes the defaults in <see cref="Service.SlaTargets.Default"/> and docs/service.md.
/// </summary>
public sealed record ServicePolicy
{
    public SlaPolicy? Sla { get; init; }

    public RecoveryPolicy? Recovery { get; init; }

    public SurveyPolicy? Surveys { get; init; }
}
