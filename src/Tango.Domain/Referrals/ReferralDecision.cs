using System.Globalization;
using Tango.Domain.Journeys;
using Tango.Domain.Programs;

namespace Tango.Domain.Referrals;

public enum ReferralVerdict { Wait, Refuse, Qualify }

/// <summary>What a referred friend's purchase does to their pending referral.</summary>
public sealed record ReferralDecision(ReferralVerdict Verdict, string? Reason, string Detail, long ReferrerPoints, long FriendPoints)
{
    /// <summary>
    /// The friend's purchase of <paramref name="total"/>: below the minimum, or from before the friend was referred (an
    /// imported history), it waits for another; a self-referral or a referrer over this month's cap is refused (for
    /// good, both sides unpaid); else both sides are paid.
    /// </summary>
    /// <param name="paidThisMonth">Referrals already paid to this referrer in the purchase's calendar month.</param>
    /// <param name="selfReferral">What <see cref="ReferralGuards.SelfReferral"/> found, or null.</param>
    /// <param name="before">True when the purchase happened before the friend signed up with the code.</param>
    public static ReferralDecision Decide(ReferralTerms terms, decimal total, int paidThisMonth, string? selfReferral, bool referrerGone = false,
        bool before = false)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var min = terms.MinFirstPurchase.ToString(CultureInfo.InvariantCulture);
        if (total < terms.MinFirstPurchase)
        {
            return new ReferralDecision(ReferralVerdict.Wait, null, $"the purchase is below the referral minimum of {min}", 0, 0);
        }
        if (before)
        {
            return new ReferralDecision(ReferralVerdict.Wait, null, "the purchase happened before the friend was referred", 0, 0);
        }
        if (referrerGone)
        {
            return Refuse(RefusalReasons.ReferrerGone, "the referring member was erased");
        }
        if (selfReferral is not null)
        {
            return Refuse(RefusalReasons.SelfReferral, $"self-referral: {selfReferral}");
        }
        if (terms.MaxRewardsPerMonth is { } cap && paidThisMonth >= cap)
        {
            return Refuse(RefusalReasons.MonthlyCap, $"the referrer has had the {cap} referral rewards a month allows");
        }
        return new ReferralDecision(ReferralVerdict.Qualify, null,
            $"first purchase of at least {min}: {terms.ReferrerPoints} points to the referrer, {terms.FriendPoints} to the friend",
            terms.ReferrerPoints, terms.FriendPoints);
    }

    private static ReferralDecision Refuse(string reason, string detail) => new(ReferralVerdict.Refuse, reason, detail, 0, 0);

    /// <summary>The calendar month an instant falls in, in the program's time zone, as instants [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) MonthOf(DateTimeOffset at, string? programZone)
    {
        var zone = LocalDates.Zone(null, programZone);
        var day = LocalDates.Today(at, zone);
        var first = new DateOnly(day.Year, day.Month, 1);
        return (LocalDates.ToInstant(first, TimeOnly.MinValue, zone), LocalDates.ToInstant(first.AddMonths(1), TimeOnly.MinValue, zone));
    }

    /// <summary>
    /// Whether a refund reverses a paid referral: it happened within the refund window of the qualifying purchase, and
    /// what is left of that order is below the minimum that qualified it (a full refund always is).
    /// </summary>
    public static bool Reverses(DateTimeOffset purchasedAt, DateTimeOffset refundedAt, int windowDays, long leftMinor, long minimumMinor) =>
        refundedAt <= purchasedAt.AddDays(windowDays) && leftMinor < Math.Max(minimumMinor, 1);
}
