namespace Tango.Domain.Ledger;

public static class Lots
{
    /// <summary>
    /// Takes <paramref name="points"/> from the lots that expire soonest (never-expiring last, then by lot id),
    /// so a member spends first what they would otherwise lose. Allocations sum to min(points, available).
    /// </summary>
    public static IReadOnlyList<(long LotId, long Points)> Consume(IEnumerable<Lot> lots, long points)
    {
        ArgumentNullException.ThrowIfNull(lots);
        var taken = new List<(long LotId, long Points)>();
        var left = points;
        var ordered = lots
            .Where(l => l.Remaining > 0)
            .OrderBy(l => l.ExpiresAt is null)
            .ThenBy(l => l.ExpiresAt)
            .ThenBy(l => l.LotId);
        foreach (var lot in ordered)
        {
            if (left <= 0)
            {
                break;
            }

            var take = Math.Min(lot.Remaining, left);
            taken.Add((lot.LotId, take));
            left -= take;
        }

        return taken;
    }
}
