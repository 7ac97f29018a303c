namespace Tango.Domain.Programs;

internal static class ReferralValidation
{
    public static void Check(ReferralTerms? referral, ValidationErrors errors)
    {
        if (referral is null)
        {
            return;
        }

        errors.NotNegative("referral.referrerPoints", referral.ReferrerPoints);
        errors.NotNegative("referral.friendPoints", referral.FriendPoints);
        errors.NotNegative("referral.minFirstPurchase", referral.MinFirstPurchase);
        errors.NotNegative("referral.maxRewardsPerMonth", referral.MaxRewardsPerMonth);
    }
}
