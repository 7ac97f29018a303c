using System.Text.Json;
using Tango.Auth;
using Tango.Domain.Referrals;
using Tango.Hosting;
using Tango.Hosting.Options;
using Tango.Members;
using Tango.Store.Programs;
using Tango.Store.Referrals;

namespace Tango.Referrals;

/// <summary>A member's referral code, link and figures; the tenant's referral statistics.</summary>
public static class ReferralsEndpoints
{
    public static void MapReferrals(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/members/{id}/referral").WithTags("Referrals").RequireAuthorization(Policies.Read)
            .MapGet("", Get).Produces<MemberReferral>().ProducesProblem(404);
        app.MapGroup("/v1/referrals").WithTags("Referrals").RequireAuthorization(Policies.Read)
            .MapGet("/stats", Stats).Produces<ReferralStats>();
    }

    /// <summary>
    /// A member created through the API got its code then; one enrolled by an event gets it the first time it is
    /// asked for, through the write queue (the code must be unique, and is then the member's for good).
    /// </summary>
    private static async Task<IResult> Get(HttpContext context, ReferralQueries referrals, ProgramStore programs, Writes writes,
        TimeProvider clock, AddressOptions addresses, string id)
    {
        var tenant = context.Tenant();
        if (!Validate.IsId(id))
        {
            return MembersEndpoints.NotFound(id);
        }
        var code = await referrals.CodeAsync(tenant, id, context.RequestAborted);
        if (code is null)
        {
            var issued = await writes.RunAsync(tenant, null, "", scope => ReferralQueries.IssueCodeAsync(scope, tenant, id, clock.GetUtcNow()), id);
            if (issued.Status != 200)
            {
                return new StoredResponseResult(issued);
            }
            code = JsonDocument.Parse(issued.Body).RootElement.GetProperty("code").GetString()!;
        }
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        var link = ReferralCodes.Link(program.Document.Referral?.Link, addresses.Origin(context.Request), code);
        return await referrals.ForMemberAsync(tenant, id, code, link, program.Document.Currency, context.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : MembersEndpoints.NotFound(id);
    }

    private static async Task<IResult> Stats(HttpContext context, ReferralQueries referrals, ProgramStore programs)
    {
        var tenant = context.Tenant();
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        return TypedResults.Ok(await referrals.ForTenantAsync(tenant, program.Document.Currency, context.RequestAborted));
    }
}
