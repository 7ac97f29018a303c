using System.Globalization;
using Tango.Auth;
using Tango.Domain.Analytics.Cohorts;
using Tango.Domain.Service;
using Tango.Hosting;
using Tango.Store.Service;

namespace Tango.Service;

/// <summary>
/// `GET /v1/analytics/service?period=month|week&amp;from=&amp;to=`: NPS and CSAT overall, by period, by channel
/// and by tier. Answers are few next to orders, so this is counted in SQL on each request, not by the refresh.
/// </summary>
public static class ServiceAnalyticsEndpoints
{
    public static void MapServiceAnalytics(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/analytics/service", Scores).WithTags("Analytics").RequireAuthorization(Policies.Read).ProducesValidationProblem(422);

    private static async Task<IResult> Scores(HttpContext context, SurveyQueries surveys, TimeProvider clock, string? period, string? from, string? to)
    {
        var errors = new Errors();
        if (period is not (null or "month" or "week"))
        {
            errors.Add("period", "Use 'month' or 'week'.");
        }
        var fromDay = Day(errors, "from", from);
        var toDay = Day(errors, "to", to);
        if (fromDay > toDay)
        {
            errors.Add("to", "Must not be before from.");
        }
        if (errors.Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var counts = await surveys.CountsAsync(context.Tenant(), fromDay, toDay, context.RequestAborted);
        var report = ServiceScores.Of(counts, period == "week" ? CohortPeriod.Week : CohortPeriod.Month);
        return TypedResults.Ok(new
        {
            computedAt = clock.GetUtcNow(),
            period = period ?? "month",
            from = fromDay,
            to = toDay,
            overall = new { nps = report.Overall.Nps, csat = report.Overall.Csat },
            byPeriod = report.ByPeriod.Select(g => new { period = g.Key, nps = g.Nps, csat = g.Csat }),
            byChannel = report.ByChannel.Select(g => new { channel = g.Key, nps = g.Nps, csat = g.Csat }),
            byTier = report.ByTier.Select(g => new { tier = g.Key, nps = g.Nps, csat = g.Csat }),
        });
    }

    private static DateOnly? Day(Errors errors, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(field, "A date YYYY-MM-DD.");
        return null;
    }
}
