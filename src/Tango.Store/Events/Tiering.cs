using Dapper;
using Tango.Domain.Programs;
using Tango.Domain.Tiers;
using Tango.Store.Infrastructure;

namespace Tango.Store.Events;

/// <summary>
/// Moves a member up the moment a purchase qualifies them over the program's rolling window.
/// Moving down (review after the grace period) is not done on the write path.
/// </summary>
internal static class Tiering
{
    public static async Task<string?> QualifyAsync(WriteScope scope, string tenantId, string memberId, ProgramDocument doc,
        string? current, DateTimeOffset at)
    {
        if (doc.Tiers is not { Count: > 0 } tiers)
        {
            return current;
        }
        var since = at.AddMonths(-(doc.TierPolicy?.WindowMonths ?? 12));
        var window = await scope.Connection.QuerySingleAsync<WindowTotals>(
            """
            SELECT coalesce(sum(total_minor - refunded_minor), 0) AS spend_minor,
                   coalesce(sum(points_earned - points_clawed), 0) AS points,
                   count(*) AS purchases
            FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId AND occurred_at > @since AND occurred_at <= @at
            """,
            new { tenantId, memberId, since, at }, scope.Transaction);
        var spend = Domain.Money.Currency.FromMinor(window.SpendMinor, doc.Currency);
        var qualified = TierQualification.For(doc, spend, window.Points, (int)window.Purchases);
        var rank = (string? id) => id is null ? -1 : tiers.ToList().FindIndex(t => t.Id == id);
        return qualified is not null && rank(qualified.Id) > rank(current) ? qualified.Id : current;
    }

    private sealed class WindowTotals
    {
        public long SpendMinor { get; init; }
        public long Points { get; init; }
        public long Purchases { get; init; }
    }
}
