using System.Reflection;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Tango.Auth;
using Tango.Members;
using Tango.Store.Members;
using Tango.Store.Staff;
using Tango.Store.Tenants;
using Tango.Store.Web;
using Tango.Web.Components;
using Tango.Web.Shared;

namespace Tango.Web;

/// <summary>
/// The two web surfaces served beside the API: the staff dashboard at /admin and the member portal at /portal.
/// Razor components rendered on the server (static SSR, plain HTML forms), with their own cookie schemes: the
/// API's bearer-key scheme stays the default, so /v1 authenticates, answers 401/403 problems and is rate
/// limited exactly as before, while the web endpoints opt out of the API's per-key limiter.
/// </summary>
public static class WebSetup
{
    public const string StaffScheme = "TangoStaff";
    public const string PortalScheme = "TangoPortal";
    public const string StaffPolicy = "web-staff";
    public const string PortalPolicy = "web-portal";
    public const string EmailClaim = ClaimTypes.Email;
    public const string MemberClaim = "tango:member";
    public const string StampClaim = "tango:stamp";
    public const string CssPath = "/web/tango.css";
    public const string ScriptPath = "/web/portal.js";

    /// <summary>Form posts on the web surfaces are small: the same 1 MiB as the API's JSON bodies.</summary>
    public const long FormBodyLimit = 1 << 20;

    public static IServiceCollection AddTangoWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<DataProtectionKeys>();
        services.AddDataProtection().SetApplicationName("tango");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataProtectionKeys>((options, keys) => options.XmlRepository = new StoreXmlRepository(keys));
        services.AddSingleton<PortalLinks>();
        services.AddSingleton<LoginAttempts>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<WebWrites>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tango_csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
        });
        services.AddAuthentication()
            .AddCookie(StaffScheme, o =>
            {
                o.Cookie.Name = "tango_staff";
                o.Cookie.Path = "/admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/admin/login";
                o.LogoutPath = "/admin/logout";
                o.AccessDeniedPath = "/admin/login";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateStaffAsync;
            })
            .AddCookie(PortalScheme, o =>
            {
                o.Cookie.Name = "tango_portal";
                o.Cookie.Path = "/portal";
                o.Cookie.HttpOnly = true;
                // Lax: the member arrives from a link in an email or an app, a cross-site navigation.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // No way in but a signed link: without a session the portal shows the same refusal as a bad link.
                o.LoginPath = PortalLinks.EnterPath;
                o.AccessDeniedPath = PortalLinks.EnterPath;
                o.ReturnUrlParameter = "from";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(StaffScheme).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.TenantClaim).RequireRole("admin", "read"))
            .AddPolicy(PortalPolicy, p => p.AddAuthenticationSchemes(PortalScheme).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.TenantClaim).RequireClaim(MemberClaim));
        return services;
    }

    /// <summary>Headers for every dashboard and portal answer: no framing, no sniffing, no caching of personal data.</summary>
    public static IApplicationBuilder UseTangoWebHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/admin") || path.StartsWithSegments("/portal"))
        {
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        }
        return next(context);
    });

    public static void MapTangoWeb(this WebApplication app)
    {
        app.MapGet(CssPath, context => Asset(context, s_css.Value, s_cssTag.Value, "text/css; charset=utf-8")).ExcludeFromDescription().DisableRateLimiting();
        app.MapGet(ScriptPath, context => Asset(context, s_script.Value, s_scriptTag.Value, "text/javascript; charset=utf-8"))
            .ExcludeFromDescription().DisableRateLimiting();
        app.MapGet(PortalLinks.EnterPath, EnterPortalAsync).ExcludeFromDescription().DisableRateLimiting();
        app.MapGet(Portal.JoinPage.Path, (string? @ref) => Portal.JoinPage.Render(@ref)).ExcludeFromDescription();
        Admin.ExplorerCsv.MapExplorerCsv(app);
        app.MapPost("/admin/logout", LogOutAsync).ExcludeFromDescription().DisableRateLimiting().RequireAuthorization(StaffPolicy);
        app.MapRazorComponents<App>()
            .DisableRateLimiting()
            .WithMetadata(new BodySizeLimit(FormBodyLimit));
    }

    private static readonly Lazy<byte[]> s_css = new(() => Embedded("Tango.Web.tango.css"));
    private static readonly Lazy<string> s_cssTag = new(() => Tag(s_css.Value));
    private static readonly Lazy<byte[]> s_script = new(() => Embedded("Tango.Web.portal.js"));
    private static readonly Lazy<string> s_scriptTag = new(() => Tag(s_script.Value));

    private static byte[] Embedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Tag(byte[] content) => "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..16] + "\"";

    /// <summary>The stylesheet and the portal's script, embedded in the binary (no static-files setup to get wrong); revalidated by ETag.</summary>
    private static Task Asset(HttpContext context, byte[] content, string tag, string contentType)
    {
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = "public, max-age=300";
        return (context.Request.Headers.IfNoneMatch == tag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(content, contentType)).ExecuteAsync(context);
    }

    /// <summary>
    /// `GET /portal/enter?token=…`: a valid link starts a portal session (a cookie for /portal) and goes on to the
    /// portal, so the token leaves the address bar at once. A tampered or expired link, or one whose member no longer
    /// exists, gets the same page with the same status, so the answer never tells whether a member exists.
    /// </summary>
    private static async Task<IResult> EnterPortalAsync(HttpContext context, PortalLinks links, MemberQueries members, string? token)
    {
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.CacheControl = "no-store";
        if (links.Read(token) is not { } target || await members.GetAsync(target.TenantId, target.MemberId, context.RequestAborted) is null)
        {
            return new RazorComponentResult<PortalRefused> { StatusCode = StatusCodes.Status403Forbidden };
        }
        var identity = new ClaimsIdentity(
            [new Claim(ApiKeyAuthentication.TenantClaim, target.TenantId), new Claim(MemberClaim, target.MemberId)], PortalScheme);
        await context.SignInAsync(PortalScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect("/portal");
    }

    /// <summary>
    /// `POST /admin/logout` from the form on every dashboard page (with its anti-forgery token). It ends every session
    /// of the user, not only this browser's: a new security stamp makes every cookie issued before it worthless, even
    /// one copied elsewhere.
    /// </summary>
    private static async Task<IResult> LogOutAsync(HttpContext context, IAntiforgery antiforgery, StaffUsers users)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }
        if (context.User.FindFirstValue(ApiKeyAuthentication.TenantClaim) is { } tenant && context.User.FindFirstValue(EmailClaim) is { } email)
        {
            await users.RenewStampAsync(tenant, email, context.RequestAborted);
        }
        await context.SignOutAsync(StaffScheme);
        return Results.Redirect("/admin/login");
    }

    /// <summary>
    /// Each request re-reads the user: a removed user, or a cookie whose security stamp is not the user's now (after a
    /// logout or a new password), is signed out at once; a changed role applies at once.
    /// </summary>
    private static async Task ValidateStaffAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal ?? new ClaimsPrincipal();
        var tenant = principal.FindFirstValue(ApiKeyAuthentication.TenantClaim);
        var email = principal.FindFirstValue(EmailClaim);
        var users = context.HttpContext.RequestServices.GetRequiredService<StaffUsers>();
        var session = tenant is null || email is null ? null : await users.FindSessionAsync(tenant, email, context.HttpContext.RequestAborted);
        if (session is null || !StampMatches(principal.FindFirstValue(StampClaim), session.Stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(StaffScheme);
            return;
        }
        var role = session.User.Role.ToString().ToLowerInvariant();
        if (principal.FindFirstValue(ClaimTypes.Role) != role)
        {
            context.ReplacePrincipal(StaffPrincipal(session));
            context.ShouldRenew = true;
        }
    }

    private static bool StampMatches(string? carried, string current) =>
        carried is not null && current.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(carried), Encoding.UTF8.GetBytes(current));

    public static ClaimsPrincipal StaffPrincipal(StaffUserStamp session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var user = session.User;
        return new(new ClaimsIdentity(
        [
            new Claim(ApiKeyAuthentication.TenantClaim, user.TenantId),
            new Claim(EmailClaim, user.Email),
            new Claim(ClaimTypes.Name, user.Email),
            new Claim(ClaimTypes.Role, user.Role == Role.Admin ? "admin" : user.Role.ToString().ToLowerInvariant()),
            new Claim(StampClaim, session.Stamp),
        ], StaffScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    private sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
