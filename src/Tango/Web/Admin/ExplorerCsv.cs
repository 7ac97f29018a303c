using Tango.Auth;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Members;
using Tango.Store.Segments;

namespace Tango.Web.Admin;

/// <summary>
/// `GET /admin/members.csv?…`: the explorer's export link. A link cannot send `Accept: text/csv`, and the dashboard's
/// cookie opens no API call, so the dashboard serves the API's CSV itself: the same reader, query and writer.
/// </summary>
public static class ExplorerCsv
{
    public static void MapExplorerCsv(this IEndpointRouteBuilder app) =>
        app.MapGet(ExplorerLinks.Csv, ExportAsync).ExcludeFromDescription().DisableRateLimiting().RequireAuthorization(WebSetup.StaffPolicy);

    private static async Task<IResult> ExportAsync(HttpContext context, MemberQueries members, SavedSegments segments)
    {
        var tenant = context.User.FindFirst(ApiKeyAuthentication.TenantClaim)?.Value ?? throw new InvalidOperationException("No staff user.");
        var (query, bad) = MemberSearchRequest.Read(context.Request.Query);
        var (filters, missing) = query is null ? (null, null) : await MemberListing.FiltersAsync(query, tenant, segments, context.RequestAborted);
        if ((bad ?? missing) is { } problem)
        {
            return new StoredResponseResult(problem);
        }
        await MemberListing.WriteCsvAsync(context.Response, members, tenant, filters!, query!.Sort, context.RequestAborted);
        return Results.Empty;
    }
}
