namespace Tango.Domain.Ledger;

/// <summary>How much of an order's points (or wallet minor units) a refund takes back.</summary>
public static class Clawback
{
    /// <summary>
    /// The amount to claw back now for <paramref name="refundAmount"/>. Computed on the cumulative refund so
    /// that partial refunds never drift: half then half claws back exactly what one full refund would, and a
    /// refund past the total claws back nothing more.
    /// </summary>
    public static long Points(long earned, long clawedSoFar, decimal total, decimal refundedSoFar, decimal refundAmount)
    {
        var left = Math.Max(0L, checked(earned - clawedSoFar));
        if (total <= 0 || left == 0)
        {
            return 0;
        }

        var refunded = checked(refundedSoFar + refundAmount);
        if (refunded >= total)
        {
            return left;
        }

        // Multiply before dividing: 3 × 10 / 30 is 1, while 3 × (10 / 30) floors to 0 in decimal.
        var due = refunded <= 0 ? 0L : checked((long)decimal.Floor(earned * refunded / total));
        return Math.Clamp(checked(due - clawedSoFar), 0L, left);
    }
}
