using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;

namespace Tango.Auth;

/// <summary>
/// `Authorization: Bearer &lt;key&gt;`: the key names one tenant and one role. Missing or unknown keys
/// are 401, a role too weak for the endpoint is 403, both as RFC 9457 problems.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "tango:tenant";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is 0 or > 512)
        {
            return AuthenticateResult.Fail("Malformed key");
        }
        var owner = await keys.FindAsync(key, Context.RequestAborted);
        if (owner is null)
        {
            return AuthenticateResult.Fail("Unknown key");
        }
        var identity = new ClaimsIdentity(
            [new Claim(TenantClaim, owner.TenantId), new Claim(ClaimTypes.Role, owner.Role.ToString().ToLowerInvariant())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        new StoredResponseResult(Responses.Problem(401, "unauthorized", "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'.")).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        new StoredResponseResult(Responses.Problem(403, "forbidden", "Forbidden",
            "This key's role may not do this.")).ExecuteAsync(Context);
}

/// <summary>The three roles as authorization policies: read (any key), ingest (members and events), admin.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Ingest = "ingest";
    public const string Admin = "admin";

    public static IServiceCollection AddTangoAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(Ingest, p => p.RequireRole("admin", "ingest"))
            .AddPolicy(Admin, p => p.RequireRole("admin"));
        return services;
    }

    public static string Tenant(this HttpContext context) =>
        context.User.FindFirstValue(ApiKeyAuthentication.TenantClaim) ?? throw new InvalidOperationException("No tenant on an authorised request.");

    public static string Actor(this HttpContext context) =>
        $"{context.User.FindFirstValue(ClaimTypes.Role)} key";
}
