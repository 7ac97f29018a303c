namespace Tango.Domain.Programs;

internal static class ReferralValidation
{
    public static void Check(ReferralTerms? referral, ValidationErrors errors)
    {
        if (referral is null)
        {
            return;
        }

        errors.Range("referral.referrerPoints", referral.ReferrerPoints, 0, 1_000_000_000);
        errors.Range("referral.friendPoints", referral.FriendPoints, 0, 1_000_000_000);
        errors.NotNegative("referral.minFirstPurchase", referral.MinFirstPurchase);
        errors.NotNegative("referral.maxRewardsPerMonth", referral.MaxRewardsPerMonth);
        errors.Range("referral.refundWindowDays", referral.RefundWindowDays, 1, 3650);
        if (referral.Link is { } link && !IsLinkTemplate(link))
        {
            errors.Add("referral.link", "must be an absolute http(s) URL of at most 500 characters that holds {code}.");
        }
    }

    private static bool IsLinkTemplate(string link) =>
        link.Length <= 500
        && link.Contains("{code}", StringComparison.Ordinal)
        && Uri.TryCreate(link.Replace("{code}", "CODE", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https";
}
