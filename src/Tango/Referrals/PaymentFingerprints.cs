namespace Tango.Referrals;

/// <summary>The optional payment fingerprint (a payment provider's card fingerprint) on members and purchases.</summary>
public static class PaymentFingerprints
{
    public const string Rule = "Must be 1-200 visible ASCII characters (the payment provider's card fingerprint).";

    public static bool IsValid(string value) => value.Length is > 0 and <= 200 && value.All(c => c is >= '!' and <= '~');
}
