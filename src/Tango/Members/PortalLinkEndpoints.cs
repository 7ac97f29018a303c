using Tango.Auth;
using Tango.Hosting;
using Tango.Hosting.Options;
using Tango.Store.Members;

namespace Tango.Members;

public sealed record PortalLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// `POST /v1/members/{id}/portal-link`: a link the business puts in its own app or emails; it opens the member
/// portal for 15 minutes. The origin is `--public-url` (TANGO_PUBLIC_URL) when set, else the address this request came to.
/// </summary>
public static class PortalLinkEndpoints
{
    public static void MapPortalLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/members/{id}/portal-link", Create).WithTags("Members").RequireAuthorization(Policies.Ingest)
            .Produces<PortalLink>().ProducesProblem(404);
    }

    private static async Task<IResult> Create(HttpContext context, MemberQueries members, PortalLinks links, AddressOptions addresses, string id)
    {
        var tenant = context.Tenant();
        if (!Validate.IsId(id) || await members.GetAsync(tenant, id, context.RequestAborted) is null)
        {
            return MembersEndpoints.NotFound(id);
        }
        var (token, expiresAt) = links.Create(tenant, id);
        return TypedResults.Ok(new PortalLink($"{addresses.Origin(context.Request)}{PortalLinks.EnterPath}?token={Uri.EscapeDataString(token)}", expiresAt));
    }
}
