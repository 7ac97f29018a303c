using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tango.Journeys.Messaging;

/// <summary>
/// Unsubscribe links that work without an API key: the token names the tenant, the member and the channel,
/// and carries an HMAC-SHA256 under the tenant's signing key, so it cannot be forged or pointed at someone else.
/// </summary>
public static class UnsubscribeLinks
{
    public const string Path = "/v1/unsubscribe/";

    public sealed record Target(string TenantId, string MemberId, string Channel);

    public static string Token(byte[] key, Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var payload = Encoding.UTF8.GetBytes($"v1|{target.TenantId}|{target.MemberId}|{target.Channel}");
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    public static string Url(string publicUrl, byte[] key, Target target) => publicUrl + Path + Token(key, target);

    /// <summary>What the token claims, before its signature is checked (the tenant names the key to check it with).</summary>
    public static Target? Read(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 1024)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, dot))).Split('|');
            return parts is ["v1", { Length: > 0 } tenant, { Length: > 0 } member, { Length: > 0 } channel] ? new Target(tenant, member, channel) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static bool Verify(byte[] key, string token, Target target)
    {
        ArgumentNullException.ThrowIfNull(token);
        var expected = Encoding.ASCII.GetBytes(Token(key, target));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token));
    }
}
