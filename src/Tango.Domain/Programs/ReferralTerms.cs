namespace Tango.Domain.Programs;

/// <summary>
/// Two-sided referral: when a referred friend's first purchase of at least <see cref="MinFirstPurchase"/> lands,
/// the referrer gets <see cref="ReferrerPoints"/> and the friend <see cref="FriendPoints"/>, both at once.
/// See docs/referrals-and-challenges.md.
/// </summary>
public sealed record ReferralTerms
{
    public long ReferrerPoints { get; init; }

    public long FriendPoints { get; init; }

    /// <summary>The friend's first purchase must reach this total for both sides to be paid.</summary>
    public decimal MinFirstPurchase { get; init; }

    /// <summary>Cap on paid referrals per referrer per calendar month (program time zone); null is no cap.</summary>
    public int? MaxRewardsPerMonth { get; init; }

    /// <summary>Days after the qualifying purchase in which its refund reverses both rewards; null means <see cref="DefaultRefundWindowDays"/>.</summary>
    public int? RefundWindowDays { get; init; }

    /// <summary>
    /// The shareable link, with <c>{code}</c> where the member's code goes (e.g. https://shop.example/join?ref={code});
    /// null gives a link into the member portal.
    /// </summary>
    public string? Link { get; init; }

    public const int DefaultRefundWindowDays = 30;

    /// <summary>The refund window in days, the default filled in (a method, so the document does not gain a key).</summary>
    public int RefundWindow() => RefundWindowDays ?? DefaultRefundWindowDays;
}
