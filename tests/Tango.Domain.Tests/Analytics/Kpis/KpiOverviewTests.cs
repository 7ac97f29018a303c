using Tango.Domain.Analytics.Kpis;
using Tango.Domain.Ledger;

namespace Tango.Domain.Tests.Analytics.Kpis;

public sealed class KpiOverviewTests
{
    private static readonly DateOnly AsOf = D("2026-06-30");

    // Ninety days ending 2026-06-30 start on 2026-04-02.
    private static readonly MemberAggregate[] Members =
    [
        new(5, 250m, D("2025-01-10"), D("2026-06-20"), PointsBalance: new Points(100)),
        new(1, 40m, D("2026-04-02"), D("2026-04-02"), PointsBalance: new Points(40)),
        new(2, 60m, D("2025-11-01"), D("2026-04-01"), PointsBalance: new Points(10)),
        new(0, 0m, null, null),
        new(2, 50m, D("2025-02-01"), D("2025-08-01"), PointsBalance: new Points(350)),
    ];

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Overview_of_a_known_population()
    {
        var overview = KpiOverview.Of(Members, AsOf, [10, 10, 9, 9, 9, 8, 7, 6, 3, 0]);

        Assert.Equal(5, overview.Members);
        Assert.Equal(2, overview.ActiveMembers);
        Assert.Equal(4, overview.Purchasers);
        Assert.Equal(10, overview.Orders);
        Assert.Equal(400m, overview.Revenue);
        Assert.Equal(0.75, overview.RepeatPurchaseRate);
        Assert.Equal(2.5, overview.PurchaseFrequency);
        Assert.Equal(40m, overview.AverageOrderValue);
        Assert.Equal(100m, overview.HistoricalLtv);
        Assert.Equal(500m, overview.PointsLiability);
        Assert.Equal(20.0, overview.Nps);
        Assert.Equal(90, overview.ActiveWindowDays);
    }

    [Fact]
    public void Without_a_model_churn_is_the_share_of_purchasers_with_no_purchase_in_the_window()
    {
        var overview = KpiOverview.Of(Members, AsOf);

        Assert.Equal(ChurnBasis.Window, overview.ChurnBasis);
        Assert.Equal(0.5, overview.ChurnRate);
        Assert.Null(overview.Nps);
    }

    [Fact]
    public void With_p_alive_for_every_purchaser_churn_is_the_share_below_one_half()
    {
        double?[] pAlive = [0.95, 0.6, 0.55, null, 0.3];
        var members = Members.Select((m, i) => m with { PAlive = pAlive[i] }).ToArray();

        var overview = KpiOverview.Of(members, AsOf);

        Assert.Equal(ChurnBasis.Model, overview.ChurnBasis);
        Assert.Equal(0.25, overview.ChurnRate);
    }

    [Fact]
    public void P_alive_for_only_some_purchasers_falls_back_to_the_window()
    {
        var members = Members.Select((m, i) => i == 0 ? m with { PAlive = 0.1 } : m).ToArray();

        Assert.Equal(ChurnBasis.Window, KpiOverview.Of(members, AsOf).ChurnBasis);
    }

    [Fact]
    public void A_shorter_window_counts_fewer_members_active()
    {
        var overview = KpiOverview.Of(Members, AsOf, activeWindowDays: 30);

        Assert.Equal(1, overview.ActiveMembers);
        Assert.Equal(0.75, overview.ChurnRate);
        Assert.Equal(30, overview.ActiveWindowDays);
    }

    [Fact]
    public void Ratios_are_null_without_purchasers()
    {
        var overview = KpiOverview.Of([new MemberAggregate(0, 0m, null, null, PointsBalance: new Points(5))], AsOf);

        Assert.Equal((1, 0, 0), (overview.Members, overview.ActiveMembers, overview.Purchasers));
        Assert.Null(overview.RepeatPurchaseRate);
        Assert.Null(overview.PurchaseFrequency);
        Assert.Null(overview.AverageOrderValue);
        Assert.Null(overview.HistoricalLtv);
        Assert.Null(overview.ChurnRate);
        Assert.Equal(5m, overview.PointsLiability);
    }

    [Fact]
    public void Streaming_members_through_the_accumulator_gives_the_same_overview()
    {
        var accumulator = new KpiAccumulator(AsOf);
        foreach (var member in Members)
        {
            accumulator.Add(member);
        }

        Assert.Equal(KpiOverview.Of(Members, AsOf), accumulator.Result());
    }

    [Fact]
    public void A_window_shorter_than_a_day_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KpiAccumulator(AsOf, activeWindowDays: 0));
    }
}
