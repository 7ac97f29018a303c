using Tango.Auth;
using Tango.Store.Analytics;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Analytics;

/// <summary>
/// The analytics API answers from the results the last refresh stored. A tenant that has never been
/// refreshed is refreshed once, on its first read.
/// </summary>
public static class AnalyticsEndpoints
{
    public static void MapAnalytics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/analytics").WithTags("Analytics").RequireAuthorization(Policies.Read);
        group.MapGet("/overview", (HttpContext c, AnalyticsRefresh r) => Stored(c, r, run => run.Overview));
        group.MapGet("/rfm", (HttpContext c, AnalyticsRefresh r) => Stored(c, r, run => run.Rfm));
        group.MapGet("/clv", (HttpContext c, AnalyticsRefresh r) => Stored(c, r, run => run.Clv));
        group.MapGet("/cohorts", Cohorts);
        app.MapPost("/v1/analytics:refresh", Refresh).WithTags("Analytics").RequireAuthorization(Policies.Admin).Produces<RefreshOutcome>();
        app.MapGet("/v1/members/{id}/insights", Insights).WithTags("Analytics").RequireAuthorization(Policies.Read)
            .Produces<InsightsView>().ProducesProblem(404);
    }

    private static async Task<IResult> Stored(HttpContext context, AnalyticsRefresh refresh, Func<AnalyticsRun, string> part)
    {
        var run = await refresh.LatestOrNowAsync(context.Tenant(), context.RequestAborted);
        return Results.Text(part(run), "application/json; charset=utf-8");
    }

    /// <summary>`?period=month` (default) or `week`.</summary>
    private static async Task<IResult> Cohorts(HttpContext context, AnalyticsRefresh refresh, string? period)
    {
        if (period is not (null or "month" or "week"))
        {
            return new Hosting.StoredResponseResult(Responses.Invalid("period", "Use 'month' or 'week'."));
        }
        var run = await refresh.LatestOrNowAsync(context.Tenant(), context.RequestAborted);
        return Results.Text(CohortsJson.Pick(run.Cohorts, period ?? "month"), "application/json; charset=utf-8");
    }

    private static async Task<IResult> Refresh(HttpContext context, AnalyticsRefresh refresh) =>
        TypedResults.Ok(await refresh.RunAsync(context.Tenant(), context.RequestAborted));

    private static async Task<IResult> Insights(HttpContext context, MemberQueries members, InsightsStore insights, AnalyticsRefresh refresh, string id)
    {
        var tenant = context.Tenant();
        if (await members.GetAsync(tenant, id, context.RequestAborted) is null)
        {
            return new Hosting.StoredResponseResult(Responses.NotFound($"Member '{id}'"));
        }
        return TypedResults.Ok(await ViewAsync(tenant, id, insights, refresh, context.RequestAborted));
    }

    public static async Task<InsightsView> ViewAsync(string tenant, string memberId, InsightsStore insights, AnalyticsRefresh refresh, CancellationToken ct)
    {
        var run = await refresh.LatestOrNowAsync(tenant, ct);
        return InsightsView.Of(await insights.FindAsync(tenant, memberId, ct), run.ComputedAt);
    }
}
