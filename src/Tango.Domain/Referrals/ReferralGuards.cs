using System.Security.Cryptography;
using System.Text;

namespace Tango.Domain.Referrals;

/// <summary>What identifies a person for the self-referral check; any of it may be missing.</summary>
public sealed record ReferralParty(string? Email, string? Phone, IReadOnlyCollection<string> Fingerprints)
{
    public static ReferralParty Of(string? email, string? phone) => new(email, phone, []);
}

/// <summary>Why a referral was refused, as stored and answered.</summary>
public static class RefusalReasons
{
    public const string SelfReferral = "self-referral";
    public const string MonthlyCap = "monthly-cap";
    public const string ReferrerGone = "referrer-gone";
}

/// <summary>
/// Fraud guards of the referral program: nobody refers themselves (the same email, phone or payment card as
/// the referrer, when given), and a referrer is paid at most maxRewardsPerMonth times a calendar month.
/// </summary>
public static class ReferralGuards
{
    /// <returns>Null when the two are different people as far as we can tell; else what they share, in words.</returns>
    public static string? SelfReferral(ReferralParty referrer, ReferralParty friend)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        ArgumentNullException.ThrowIfNull(friend);
        if (Email(referrer.Email) is { } a && a == Email(friend.Email))
        {
            return "the friend has the referrer's email address";
        }
        if (Phone(referrer.Phone) is { } p && p == Phone(friend.Phone))
        {
            return "the friend has the referrer's phone number";
        }
        if (referrer.Fingerprints.Intersect(friend.Fingerprints, StringComparer.Ordinal).Any())
        {
            return "the friend paid with a card the referrer has paid with";
        }
        return null;
    }

    /// <summary>Emails compare trimmed and case-insensitively.</summary>
    private static string? Email(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Phones compare by their digits ("+44 (0)20-7946" and "44020 7946" are the same); fewer than 6 digits are ignored.</summary>
    private static string? Phone(string? phone)
    {
        var digits = phone is null ? "" : string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length >= 6 ? digits.TrimStart('0') : null;
    }

    /// <summary>
    /// Payment fingerprints (a card fingerprint from the payment provider) are kept only as a keyed hash, per tenant,
    /// so the store can compare them without holding them.
    /// </summary>
    public static string HashFingerprint(string tenantId, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(fingerprint);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"tango-payment\n{tenantId}\n{fingerprint.Trim()}")));
    }
}
