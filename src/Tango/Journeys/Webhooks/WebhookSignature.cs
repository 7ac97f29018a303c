using System.Security.Cryptography;
using System.Text;

namespace Tango.Journeys.Webhooks;

/// <summary>
/// Standard Webhooks signatures: `v1,` and the base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}",
/// keyed by the secret after its `whsec_` prefix, base64-decoded.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "whsec_";

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
