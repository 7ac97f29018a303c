using Tango.Auth;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Challenges;
using Tango.Store.Programs;

namespace Tango.Challenges;

/// <summary>GET /v1/members/{id}/achievements: badges earned, and where the member stands on each of the program's challenges.</summary>
public static class AchievementsEndpoints
{
    public static void MapAchievements(this IEndpointRouteBuilder app) =>
        app.MapGroup("/v1/members/{id}/achievements").WithTags("Challenges").RequireAuthorization(Policies.Read)
            .MapGet("", Get).Produces<Achievements>().ProducesProblem(404);

    private static async Task<IResult> Get(HttpContext context, AchievementQueries achievements, ProgramStore programs, TimeProvider clock, string id)
    {
        var tenant = context.Tenant();
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        return Validate.IsId(id) && await achievements.ForMemberAsync(tenant, id, program.Document, clock.GetUtcNow(), context.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : MembersEndpoints.NotFound(id);
    }
}
