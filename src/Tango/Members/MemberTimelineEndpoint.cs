using Microsoft.AspNetCore.Http.HttpResults;
using Tango.Auth;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Members;

/// <summary>`GET /v1/members/{id}/timeline`: the member's whole story, newest first, paged and filtered by kind.</summary>
public static class MemberTimelineEndpoint
{
    public static void MapTimeline(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/timeline", GetAsync).Produces<TimelinePage>().ProducesProblem(404).ProducesValidationProblem(422);

    private static async Task<Results<Ok<TimelinePage>, StoredResponseResult>> GetAsync(HttpContext context, MemberQueries members,
        ProgramStore programs, TimeProvider clock, string id, string? kinds)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        var errors = new Errors();
        var wanted = ParseKinds(kinds, errors);
        if (problem is not null || errors.Any)
        {
            return new StoredResponseResult(problem ?? errors.ToProblem());
        }
        var tenant = context.Tenant();
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        var outcome = await members.TimelineAsync(tenant, id, wanted, limit, cursor, program.Document.Currency, clock.GetUtcNow(), context.RequestAborted);
        return outcome switch
        {
            TimelineOutcome.Page page => TypedResults.Ok(page.Value with { NextCursor = Paging.Encode(page.Value.NextCursor) }),
            TimelineOutcome.BadCursor => new StoredResponseResult(new Errors().Add("cursor", "Not a cursor this API gave out.").ToProblem()),
            _ => new StoredResponseResult(Responses.NotFound($"Member '{id}'")),
        };
    }

    /// <summary>A comma list of kinds (the parameter may also repeat); none given means every kind.</summary>
    public static IReadOnlyCollection<string> ParseKinds(string? kinds, Errors errors)
    {
        var named = (kinds ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = named.Where(k => !TimelineKinds.All.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("kinds", $"Unknown kind{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(k => $"'{k}'"))}; "
                + $"the kinds are {string.Join(", ", TimelineKinds.All)}.");
        }
        return named.Length == 0 ? TimelineKinds.All : named.ToHashSet(StringComparer.Ordinal);
    }
}
