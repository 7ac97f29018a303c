using Tango.Domain.Analytics.Cohorts;
using Tango.Domain.Analytics.Insights;
using Tango.Domain.Analytics.Kpis;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Analytics;

/// <summary>The JSON documents the analytics endpoints serve, built once per refresh.</summary>
public static class AnalyticsDocuments
{
    /// <param name="npsAnswers">How many members' latest answers the NPS is computed over.</param>
    public static object Overview(DateTimeOffset computedAt, KpiOverview k, int npsAnswers = 0) => new
    {
        computedAt,
        members = k.Members,
        activeMembers = k.ActiveMembers,
        activeWindowDays = k.ActiveWindowDays,
        purchasers = k.Purchasers,
        orders = k.Orders,
        revenue = k.Revenue,
        repeatPurchaseRate = k.RepeatPurchaseRate,
        purchaseFrequency = k.PurchaseFrequency,
        averageOrderValue = k.AverageOrderValue,
        churnRate = k.ChurnRate,
        churnBasis = k.ChurnBasis,
        historicalLtv = k.HistoricalLtv,
        nps = k.Nps,
        npsAnswers,
        pointsLiability = k.PointsLiability,
    };

    public static object Rfm(DateTimeOffset computedAt, RfmGrid grid) => new
    {
        computedAt,
        customers = grid.Customers,
        segments = grid.Segments.Select(s => new { segment = s.Segment.Name(), count = s.Count, share = s.Share }),
        grid = grid.Cells.Select(c => new { r = c.R, f = c.F, count = c.Count }),
    };

    public static object Cohorts(DateTimeOffset computedAt, RetentionMatrix months, RetentionMatrix weeks) => new
    {
        computedAt,
        month = Matrix(months),
        week = Matrix(weeks),
    };

    private static object Matrix(RetentionMatrix matrix) => matrix.Rows.Select(row => new
    {
        cohort = row.Start,
        size = row.Size,
        retention = row.Cells.Select(c => new { offset = c.Offset, customers = c.Customers, share = c.Share }),
    });

    public static object Clv(DateTimeOffset computedAt, ModelReport model) => new
    {
        computedAt,
        timeUnit = "days",
        fitted = model.Fitted,
        reason = model.Reason,
        purchasers = model.Purchasers,
        repeatCustomers = model.RepeatCustomers,
        bgnbd = model.BgNbd is { } b
            ? new { r = b.R, alpha = b.Alpha, a = b.A, b = b.B, logLikelihood = model.BgNbdLogLikelihood }
            : null,
        gammaGamma = model.GammaGamma is { } g
            ? new { p = g.P, q = g.Q, v = g.V, logLikelihood = model.GammaGammaLogLikelihood }
            : null,
        distribution = model.Clv,
    };
}
