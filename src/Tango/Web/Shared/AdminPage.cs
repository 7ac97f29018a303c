using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Tango.Auth;

namespace Tango.Web.Shared;

/// <summary>The signed-in staff user, as the dashboard's pages see them.</summary>
public sealed record StaffSession(string Tenant, string Email, string Role)
{
    /// <summary>Admins change things; read users only look.</summary>
    public bool IsAdmin => Role == "admin";

    /// <summary>How ledger lines and audit fields name who did it.</summary>
    public string Actor => $"staff {Email}";

    public static StaffSession? Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthentication.TenantClaim) is { } tenant && user.FindFirstValue(WebSetup.EmailClaim) is { } email
            ? new StaffSession(tenant, email, user.FindFirstValue(ClaimTypes.Role) ?? "read")
            : null;
}

/// <summary>Base of the dashboard's pages: the request, the signed-in user, and a notice to show after a write.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    protected StaffSession Me => StaffSession.Of(HttpContext.User) ?? throw new InvalidOperationException("No staff user on a dashboard page.");

    protected string Tenant => Me.Tenant;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected string? Notice { get; set; }

    protected string? Problem { get; set; }

    /// <summary>Refuses a write for a read-only user; true when the caller may go on.</summary>
    protected bool MayWrite()
    {
        if (Me.IsAdmin)
        {
            return true;
        }
        Problem = "Your role (read) may look but not change anything.";
        HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        return false;
    }
}

/// <summary>Base of the portal's pages: the member the signed link was for.</summary>
public abstract class PortalPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    protected string Tenant => HttpContext.User.FindFirstValue(ApiKeyAuthentication.TenantClaim) ?? throw new InvalidOperationException("No portal session.");

    protected string MemberId => HttpContext.User.FindFirstValue(WebSetup.MemberClaim) ?? throw new InvalidOperationException("No portal session.");

    protected CancellationToken Aborted => HttpContext.RequestAborted;
}
