namespace Tango.Domain.Programs;

public sealed record SurveyPolicy
{
    /// <summary>How long a survey invitation's link may be answered; 30 days when left out.</summary>
    public int? InvitationValidDays { get; init; }
}
