namespace Tango.Store.Referrals;

/// <summary>What a purchase or refund answer says about the member's referral.</summary>
/// <param name="Status">"pending" (this purchase did not reach the minimum), "qualified", "refused" or "reversed".</param>
/// <param name="Role">"friend": the answer is about the referred member's own referral.</param>
/// <param name="Reason">Why it was refused: "self-referral", "monthly-cap" or "referrer-gone".</param>
public sealed record ReferralOutcome(string Status, string Role, string ReferrerId, string FriendId, string? Reason, string Detail,
    long ReferrerPoints, long FriendPoints);

/// <summary>How a friend's purchase settled their referral (qualified or refused), to write with the batch.</summary>
internal sealed record ReferralSettlement(string TenantId, string FriendId, string Status, string? Reason, string Detail, string OrderId,
    string EventId, DateTimeOffset PurchaseAt, long PurchaseMinor, long MinFirstMinor, int RefundWindowDays, long ReferrerPoints,
    long FriendPoints);

/// <summary>A paid referral, for the referral_qualifications log.</summary>
internal sealed record QualificationWrite(string TenantId, string FriendId, string ReferrerId, string OrderId, string EventId,
    DateTimeOffset OccurredAt, long ReferrerPoints, long FriendPoints, int ProgramVersion);

/// <summary>Names shared by the referral SQL and ledger lines.</summary>
internal static class ReferralNames
{
    public const string Pending = "pending";
    public const string Qualified = "qualified";
    public const string Refused = "refused";
    public const string Reversed = "reversed";

    public const string LineKind = "referral";
    public const string ReversalKind = "referral-reversal";

    /// <summary>The rule id on referral lines: the program's referral terms.</summary>
    public const string RuleId = "referral";
}
