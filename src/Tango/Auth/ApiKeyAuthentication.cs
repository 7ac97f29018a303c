using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;

namespace Tango.Auth;

/// <summary>
/// `Authorization: Bearer &lt;key&gt;` on the API (/v1): the key names one tenant and one role. Missing or unknown keys
/// are 401, a role too weak for the endpoint is 403, both as RFC 9457 problems. An address that sent too many keys
/// that do not exist gets 429 with Retry-After instead, without its key being looked up (see <see cref="KeyGuessThrottle"/>),
/// unless this node has seen that key to be real lately.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys, KeyGuessThrottle guesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "tango:tenant";
    public const string KeyClaim = "tango:key";

    private TimeSpan? _throttled;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Keys open the API only: a bearer token elsewhere (the metrics token) is not a key, nor a failed guess.
        if (!Request.Path.StartsWithSegments("/v1"))
        {
            return AuthenticateResult.NoResult();
        }
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var key = header["Bearer ".Length..].Trim();
        var address = ClientAddress.Of(Context);
        if (key.Length is 0 or > 512)
        {
            guesses.Failed(address);
            return AuthenticateResult.Fail("Malformed key");
        }
        if (keys.Remembered(key) is { } known)
        {
            return Success(known, key);
        }
        if (!keys.KnownRecently(key) && guesses.Wait(address) is { } wait)
        {
            _throttled = wait;
            return AuthenticateResult.Fail("Too many unknown keys from this address");
        }
        if (await keys.FindAsync(key, Context.RequestAborted) is not { } owner)
        {
            guesses.Failed(address);
            return AuthenticateResult.Fail("Unknown key");
        }
        return Success(owner, key);
    }

    private static AuthenticateResult Success(KeyOwner owner, string key)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(TenantClaim, owner.TenantId),
            new Claim(ClaimTypes.Role, owner.Role.ToString().ToLowerInvariant()),
            new Claim(KeyClaim, ApiKeys.IdOfKey(key)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_throttled is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new StoredResponseResult(Responses.Problem(429, "rate-limited", "Too many requests",
                $"Too many unknown API keys came from this address. Try again in {seconds} s.")).ExecuteAsync(Context);
        }
        return new StoredResponseResult(Responses.Problem(401, "unauthorized", "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'.")).ExecuteAsync(Context);
    }

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
        services.AddSingleton<KeyGuessThrottle>();
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
