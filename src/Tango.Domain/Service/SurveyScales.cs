using Tango.Domain.Analytics.Kpis;

namespace Tango.Domain.Service;

/// <summary>The answer scale of each survey kind, and which answers call for service recovery.</summary>
public static class SurveyScales
{
    public static (int Min, int Max) Range(SurveyKind kind) => kind == SurveyKind.Nps ? (0, 10) : (1, 5);

    public static bool IsInRange(SurveyKind kind, int score) => Range(kind) is var (min, max) && score >= min && score <= max;

    /// <summary>NPS 0–6 (a detractor) or CSAT 1–2 (dissatisfied).</summary>
    public static bool IsDetractor(SurveyKind kind, int score) =>
        kind == SurveyKind.Nps ? NetPromoterScore.IsDetractor(score) : score is >= 1 and <= 2;

    /// <summary>CSAT 4–5 counts as satisfied.</summary>
    public static bool IsSatisfied(int csatScore) => csatScore is >= 4 and <= 5;

    public static string Question(SurveyKind kind) => kind == SurveyKind.Nps
        ? "How likely is it that you would recommend us to a friend or colleague?"
        : "How satisfied are you with the service you received?";
}
