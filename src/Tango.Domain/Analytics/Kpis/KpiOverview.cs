namespace Tango.Domain.Analytics.Kpis;

/// <summary>
/// The figures of <c>GET /v1/analytics/overview</c>. Purchasers are members with at least one order; a ratio
/// over purchasers or orders is null when there are none.
/// </summary>
/// <param name="RepeatPurchaseRate">Share of purchasers with two or more orders.</param>
/// <param name="PurchaseFrequency">Orders per purchaser.</param>
/// <param name="AverageOrderValue">Revenue per order.</param>
/// <param name="ChurnRate">Share of purchasers counted as churned, by <paramref name="ChurnBasis"/>.</param>
/// <param name="HistoricalLtv">Revenue per purchaser.</param>
/// <param name="PointsLiability">Sum of the members' outstanding points: a decimal, since many balances together can pass what 64 bits hold.</param>
/// <param name="Nps">Net Promoter Score, or null without answers.</param>
public sealed record KpiOverview(
    int Members,
    int ActiveMembers,
    int Purchasers,
    long Orders,
    decimal Revenue,
    double? RepeatPurchaseRate,
    double? PurchaseFrequency,
    decimal? AverageOrderValue,
    double? ChurnRate,
    ChurnBasis ChurnBasis,
    decimal? HistoricalLtv,
    decimal PointsLiability,
    double? Nps,
    int ActiveWindowDays)
{
    /// <summary>The overview of <paramref name="members"/> as of a day; see <see cref="KpiAccumulator"/>.</summary>
    public static KpiOverview Of(
        ReadOnlySpan<MemberAggregate> members,
        DateOnly asOf,
        ReadOnlySpan<int> npsScores = default,
        int activeWindowDays = ActiveWindow.DefaultDays)
    {
        var accumulator = new KpiAccumulator(asOf, activeWindowDays);
        foreach (ref readonly var member in members)
        {
            accumulator.Add(member);
        }

        return accumulator.Result(NetPromoterScore.Of(npsScores));
    }
}
