using System.Security.Cryptography;
using Tango.Domain.Coupons;

namespace Tango.Domain.Referrals;

/// <summary>
/// A member's referral code: 8 characters drawn by a cryptographic RNG from the coupon alphabet (no 0/O, 1/I/L),
/// short enough to read out and type, and not derived from the member id, so codes cannot be enumerated.
/// 31^8 ≈ 8.5 × 10^11 codes: uniqueness within a tenant is the store's unique key, which asks for another on a clash.
/// </summary>
public static class ReferralCodes
{
    public const int Length = 8;

    public static string Generate()
    {
        Span<char> code = stackalloc char[Length];
        RandomNumberGenerator.GetItems(CouponCodes.Alphabet.AsSpan(), code);
        return new string(code);
    }

    /// <summary>How typed codes are compared: trimmed, upper-case, without the spaces and dashes people add.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Concat(code.Where(c => c is not (' ' or '-'))).ToUpperInvariant();
    }

    /// <summary>Whether a normalised code could be one this class gave out.</summary>
    public static bool IsWellFormed(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length && code.All(c => CouponCodes.Alphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>The shareable link: the program's template with the code in it, else the member portal's join page.</summary>
    public static string Link(string? template, string origin, string code)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return template is null
            ? $"{origin.TrimEnd('/')}/portal/join?ref={Uri.EscapeDataString(code)}"
            : template.Replace("{code}", Uri.EscapeDataString(code), StringComparison.Ordinal);
    }
}
