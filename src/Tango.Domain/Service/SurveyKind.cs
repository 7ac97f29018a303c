namespace Tango.Domain.Service;

/// <summary>NPS asks 0–10 how likely a recommendation is; CSAT asks 1–5 how satisfied the customer was.</summary>
public enum SurveyKind
{
    Nps,
    Csat,
}
