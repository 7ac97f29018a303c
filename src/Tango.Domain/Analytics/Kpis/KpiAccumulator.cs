namespace Tango.Domain.Analytics.Kpis;

/// <summary>
/// Folds members one at a time into a <see cref="KpiOverview"/>, so a caller can stream them from the
/// database instead of holding them all.
/// </summary>
public sealed class KpiAccumulator
{
    private const double ChurnedBelowPAlive = 0.5;

    private readonly DateOnly _asOf;
    private readonly int _windowDays;
    private int _members;
    private int _active;
    private int _purchasers;
    private int _repeaters;
    private long _orders;
    private decimal _revenue;
    private decimal _liability;
    private int _purchasersWithPAlive;
    private int _churnedByModel;
    private int _churnedByWindow;

    public KpiAccumulator(DateOnly asOf, int activeWindowDays = ActiveWindow.DefaultDays)
    {
        ActiveWindow.Check(activeWindowDays);
        _asOf = asOf;
        _windowDays = activeWindowDays;
    }

    public void Add(in MemberAggregate member)
    {
        _members++;
        _liability += member.PointsBalance.Value;
        _revenue += member.Revenue;
        var active = ActiveWindow.Contains(member.LastPurchase, _asOf, _windowDays);
        if (active)
        {
            _active++;
        }

        if (member.Orders <= 0)
        {
            return;
        }

        _purchasers++;
        _orders += member.Orders;
        _repeaters += member.Orders >= 2 ? 1 : 0;
        _churnedByWindow += active ? 0 : 1;
        if (member.PAlive is { } pAlive)
        {
            _purchasersWithPAlive++;
            _churnedByModel += pAlive < ChurnedBelowPAlive ? 1 : 0;
        }
    }

    /// <param name="nps">The NPS to report, e.g. from <see cref="NetPromoterScore.Of(ReadOnlySpan{int})"/>.</param>
    public KpiOverview Result(double? nps = null)
    {
        // A model scores every purchaser; a partial set of P(alive) means no model for this population.
        var byModel = _purchasers > 0 && _purchasersWithPAlive == _purchasers;
        double? PerPurchaser(long count) => _purchasers == 0 ? null : (double)count / _purchasers;
        return new KpiOverview(
            Members: _members,
            ActiveMembers: _active,
            Purchasers: _purchasers,
            Orders: _orders,
            Revenue: _revenue,
            RepeatPurchaseRate: PerPurchaser(_repeaters),
            PurchaseFrequency: PerPurchaser(_orders),
            AverageOrderValue: _orders == 0 ? null : _revenue / _orders,
            ChurnRate: PerPurchaser(byModel ? _churnedByModel : _churnedByWindow),
            ChurnBasis: byModel ? ChurnBasis.Model : ChurnBasis.Window,
            HistoricalLtv: _purchasers == 0 ? null : _revenue / _purchasers,
            PointsLiability: _liability,
            Nps: nps,
            ActiveWindowDays: _windowDays);
    }
}
