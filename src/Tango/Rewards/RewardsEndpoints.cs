using Tango.Auth;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Rewards;

namespace Tango.Rewards;

public sealed record SurpriseDrawBody(string? Occasion);

/// <summary>The rewards catalog per member, engine-granted surprises and what they cost.</summary>
public static class RewardsEndpoints
{
    public static void MapRewards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/rewards", Catalog).WithTags("Rewards").RequireAuthorization(Policies.Read)
            .Produces<RewardCatalogView>().ProducesProblem(404).ProducesValidationProblem(422);
        app.MapPost("/v1/members/{id}/surprises:draw", Draw).WithTags("Rewards").RequireAuthorization(Policies.Admin)
            .Accepts<SurpriseDrawBody>("application/json").Produces<SurpriseOutcome>().ProducesProblem(404).ProducesValidationProblem(422);
        app.MapGet("/v1/surprises/report", Report).WithTags("Rewards").RequireAuthorization(Policies.Read)
            .Produces<SurpriseReport>().ProducesValidationProblem(422);
    }

    /// <summary>`?memberId=`: what that member may take now and why not; without it, the catalog as anyone sees it.</summary>
    private static async Task<IResult> Catalog(HttpContext context, RewardCatalog catalog)
    {
        var memberId = context.Request.Query.ContainsKey("memberId") ? context.Request.Query["memberId"].ToString() : null;
        if (memberId is not null && !Validate.IsId(memberId))
        {
            return new StoredResponseResult(new Errors().Add("memberId", Validate.IdRule).ToProblem());
        }
        return await catalog.ForAsync(context.Tenant(), memberId, context.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : MembersEndpoints.NotFound(memberId!);
    }

    /// <summary>
    /// Draws for a surprise now, as a qualifying event would: an admin's way to run a draw (a campaign, a
    /// test). The occasion names the draw; drawing the same occasion again answers the same.
    /// </summary>
    private static async Task<IResult> Draw(HttpContext context, Writes writes, Surprises surprises, TimeProvider clock, string id)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, invalid) = body is { Length: > 0 } ? JsonInput.Parse<SurpriseDrawBody>(body) : (new SurpriseDrawBody(null), null);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        if (request!.Occasion is { } named && !Validate.IsId(named))
        {
            return new StoredResponseResult(new Errors().Add("occasion", Validate.IdRule).ToProblem());
        }
        if (!Validate.IsId(id))
        {
            return MembersEndpoints.NotFound(id);
        }
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var occasion = request.Occasion ?? "admin:" + Guid.CreateVersion7(now).ToString("N");
        return await writes.RespondAsync(context, body ?? [], async scope =>
            await surprises.TryGrantAsync(scope, tenant, id, occasion, clock.GetUtcNow()) is { } outcome
                ? Store.Infrastructure.Responses.Json(200, outcome)
                : Store.Infrastructure.Responses.NotFound($"Member '{id}'"));
    }

    /// <summary>`?from=&amp;to=` dates (YYYY-MM-DD, to inclusive); the current calendar month (UTC) by default.</summary>
    private static async Task<IResult> Report(HttpContext context, SurpriseReports reports, TimeProvider clock)
    {
        var (period, problems) = SurpriseReportPeriod.Parse(context.Request.Query["from"].ToString(), context.Request.Query["to"].ToString(),
            clock.GetUtcNow());
        if (period is null)
        {
            var errors = new Errors();
            foreach (var (field, message) in problems)
            {
                errors.Add(field, message);
            }
            return new StoredResponseResult(errors.ToProblem());
        }
        return TypedResults.Ok(await reports.ReportAsync(context.Tenant(), period.Start, period.End, context.RequestAborted));
    }
}
