namespace Tango.Domain.Purchases;

/// <summary>
/// One of a member's orders as the purchase decision weighs it: what it cost and earned, and what refunds took back.
/// Amounts are in minor units of the program currency.
/// </summary>
public readonly record struct OrderFact(string OrderId, DateTimeOffset At, long TotalMinor, long PointsEarned, long WalletEarnedMinor)
{
    public long RefundedMinor { get; init; }
    public long PointsClawed { get; init; }
    public long WalletClawedMinor { get; init; }

    public long NetSpendMinor => TotalMinor - RefundedMinor;

    public long NetPoints => PointsEarned - PointsClawed;

    /// <summary>An order refunded in full no longer counts for challenges.</summary>
    public bool RefundedInFull => RefundedMinor >= TotalMinor;
}
