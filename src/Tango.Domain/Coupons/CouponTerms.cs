namespace Tango.Domain.Coupons;

/// <summary>
/// What a batch's codes are worth and who may use them. Exactly one of <see cref="DiscountPercent"/> and
/// <see cref="DiscountAmount"/> is set; amounts are in <see cref="Currency"/>.
/// </summary>
public sealed record CouponTerms
{
    public string Currency { get; init; } = "EUR";
    public decimal? DiscountPercent { get; init; }
    public decimal? DiscountAmount { get; init; }
    public decimal? MinOrder { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Uses per code; 1 is single use.</summary>
    public long MaxUses { get; init; } = 1;

    /// <summary>Uses per member across the whole batch; null is no limit.</summary>
    public long? PerMemberLimit { get; init; }

    /// <summary>The only member who may use the codes; null is anyone.</summary>
    public string? MemberId { get; init; }
}

/// <summary>How often a code and its batch have been used: by everyone, and by the member asking.</summary>
public readonly record struct CouponUsage(long Uses, long MemberUses);

/// <summary>A code's answer at the checkout: valid with its discount, or the reason it is refused.</summary>
public sealed record CouponVerdict(bool Valid, decimal Discount, string? Reason, string Message);

/// <summary>The refusal reasons, each its own so a checkout can say what went wrong.</summary>
public static class CouponReasons
{
    public const string Unknown = "unknown";
    public const string Void = "void";
    public const string Expired = "expired";
    public const string UsedUp = "used-up";
    public const string WrongMember = "wrong-member";
    public const string MemberRequired = "member-required";
    public const string MemberLimit = "member-limit";
    public const string BelowMinimum = "below-minimum";
}
