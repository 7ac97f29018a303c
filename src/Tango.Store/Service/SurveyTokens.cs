using System.Security.Cryptography;
using System.Text;

namespace Tango.Store.Service;

/// <summary>
/// Survey links carry a random 256-bit token: the token is the member's credential for one answer, so it
/// is unguessable, and only its SHA-256 is stored (a random secret needs no slow hash).
/// </summary>
public static class SurveyTokens
{
    public static string New() => "sv_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check before any lookup: "sv_" and 43 base64url characters.</summary>
    public static bool LooksValid(string token) =>
        token.Length == 46 && token.StartsWith("sv_", StringComparison.Ordinal)
        && token.AsSpan(3).ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") is false;
}
