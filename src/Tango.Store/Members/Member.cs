namespace Tango.Store.Members;

public sealed record Consent(bool Email, bool Sms);

/// <summary>A member as the API shows it.</summary>
public sealed record Member(
    string Id,
    string? Email,
    string? Phone,
    string? Name,
    string? BirthDate,
    string? TimeZone,
    string? Locale,
    string? ReferredByCode,
    Consent Consent,
    string? Tier,
    string? Segment,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Fields a member is created with; validated at the edge.</summary>
/// <param name="PaymentFingerprint">The payment provider's card fingerprint, when known at sign-up: kept only hashed, for the self-referral check.</param>
public sealed record NewMember(
    string Id,
    string? Email,
    string? Phone,
    string? Name,
    string? BirthDate,
    string? TimeZone,
    string? Locale,
    string? ReferredByCode,
    Consent Consent,
    string? PaymentFingerprint = null);

/// <summary>A JSON merge patch, already validated: a field that is present replaces (null clears).</summary>
public sealed record MemberPatch(IReadOnlyDictionary<string, object?> Set);

internal sealed class MemberRow
{
    public string TenantId { get; set; } = "";
    public string MemberId { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Name { get; set; }
    public string? BirthDate { get; set; }
    public string? TimeZone { get; set; }
    public string? Locale { get; set; }
    public string? ReferredByCode { get; set; }
    public bool ConsentEmail { get; set; }
    public bool ConsentSms { get; set; }
    public string? TierId { get; set; }
    public string? Segment { get; set; }
    public long PointsBalance { get; set; }
    public long WalletMinor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }

    public Member ToMember() => new(MemberId, Email, Phone, Name, BirthDate, TimeZone, Locale, ReferredByCode,
        new Consent(ConsentEmail, ConsentSms), TierId, Segment, CreatedAt, UpdatedAt);
}
