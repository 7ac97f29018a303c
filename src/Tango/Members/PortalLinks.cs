using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Tango.Members;

/// <summary>
/// Signed links into the member portal: the token names the tenant, the member and the instant it stops working,
/// protected (encrypted and authenticated) by ASP.NET Core Data Protection under a purpose of its own, with the key
/// ring kept in the store so every node of one store accepts every other node's links.
/// </summary>
/// <remarks>
/// Data Protection's ITimeLimitedDataProtector would carry the expiry too, but it judges it by the machine clock
/// (DateTimeOffset.UtcNow) and takes no TimeProvider; every other deadline in Tango is judged by the injected
/// TimeProvider (and tests move it), so the expiry travels inside the protected payload and is checked here.
/// </remarks>
public sealed class PortalLinks(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public const string EnterPath = "/portal/enter";
    private const string Purpose = "Tango.Portal.Link.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public (string Token, DateTimeOffset ExpiresAt) Create(string tenantId, string memberId)
    {
        var expiresAt = clock.GetUtcNow().Add(Lifetime);
        var payload = string.Join('\n', "v1", tenantId, memberId, expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return (_protector.Protect(payload), expiresAt);
    }

    /// <summary>The (tenant, member) a token names while it is valid; null for a tampered, foreign or expired token alike.</summary>
    public (string TenantId, string MemberId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split('\n');
        if (parts is not ["v1", { Length: > 0 } tenant, { Length: > 0 } member, var expires]
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return null;
        }
        return clock.GetUtcNow().ToUnixTimeMilliseconds() < ms ? (tenant, member) : null;
    }
}
