using System.Globalization;
using Tango.Auth;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Tiers;

namespace Tango.Tiers;

/// <summary>A member's tier with progress to the next, and the history of their tier changes.</summary>
public static class TiersEndpoints
{
    public static void MapTiers(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/v1/members/{id}/tier").WithTags("Tiers").RequireAuthorization(Policies.Read);
        member.MapGet("", Get).Produces<TierView>().ProducesProblem(404);
        member.MapGet("/changes", Changes).Produces<Paging.Page<TierChange>>().ProducesProblem(404).ProducesValidationProblem(422);
    }

    private static async Task<IResult> Get(HttpContext context, TierQueries tiers, string id) =>
        Validate.IsId(id) && await tiers.StandingAsync(context.Tenant(), id, context.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : MembersEndpoints.NotFound(id);

    /// <summary>Newest first; the cursor is the (instant, change id) of the last change seen.</summary>
    private static async Task<IResult> Changes(HttpContext context, TierQueries tiers, string id)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        (DateTimeOffset, string)? before = null;
        if (cursor is not null)
        {
            var parts = cursor.Split('|');
            if (parts.Length != 2 || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at))
            {
                return new StoredResponseResult(new Errors().Add("cursor", "Not a cursor this API gave out.").ToProblem());
            }
            before = (at, parts[1]);
        }
        if (!Validate.IsId(id) || await tiers.HistoryAsync(context.Tenant(), id, limit, before, context.RequestAborted) is not { } page)
        {
            return MembersEndpoints.NotFound(id);
        }
        var next = page.Next is { } n ? n.Item1.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + "|" + n.Item2 : null;
        return TypedResults.Ok(new Paging.Page<TierChange>(page.Items, Paging.Encode(next)));
    }
}
