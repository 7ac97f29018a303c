using Tango.Domain.Money;
using Tango.Domain.Programs;
using Tango.Domain.Tiers;

namespace Tango.Store.Events;

/// <summary>What a member did in the tier window before this purchase.</summary>
internal sealed class WindowTotals
{
    public long SpendMinor { get; init; }
    public long Points { get; init; }
    public long Purchases { get; init; }

    public WindowTotals With(long spendMinor, long points) =>
        new() { SpendMinor = SpendMinor + spendMinor, Points = Points + points, Purchases = Purchases + 1 };
}

/// <summary>
/// Moves a member up the moment a purchase qualifies them over the program's rolling window.
/// Moving down (review after the grace period) is not done on the write path.
/// </summary>
internal static class Tiering
{
    public const string WindowSql = """
        SELECT coalesce(sum(total_minor - refunded_minor), 0) AS spend_minor,
               coalesce(sum(points_earned - points_clawed), 0) AS points,
               count(*) AS purchases
        FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId AND occurred_at > @since AND occurred_at <= @at
        """;

    public static string? Qualify(ProgramDocument doc, string? current, WindowTotals window)
    {
        if (doc.Tiers is not { Count: > 0 } tiers)
        {
            return current;
        }
        var spend = Currency.FromMinor(window.SpendMinor, doc.Currency);
        var qualified = TierQualification.For(doc, spend, window.Points, (int)window.Purchases);
        return qualified is not null && Rank(tiers, qualified.Id) > Rank(tiers, current) ? qualified.Id : current;
    }

    /// <summary>A tier's place in the program's list, lowest first; -1 for none.</summary>
    private static int Rank(IReadOnlyList<TierDefinition> tiers, string? id)
    {
        for (var i = 0; id is not null && i < tiers.Count; i++)
        {
            if (tiers[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }
}
