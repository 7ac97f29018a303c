namespace Tango.Domain.Referrals;

/// <summary>
/// A referral paid on a friend's qualifying order, with the terms it was paid under: what a refund of that order needs
/// to know to reverse it. Amounts are kept as they were decided, so a later program change never alters a reversal.
/// </summary>
public sealed record PaidReferral(string OrderId, DateTimeOffset PurchaseAt, string ReferrerId, long FriendPoints, long ReferrerPoints,
    long MinimumMinor, int WindowDays);
