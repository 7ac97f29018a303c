namespace Tango.Domain.Analytics.Insights;

/// <summary>
/// The fitted models behind the predictions (time in days), or why there are none. Parameters are only
/// reported for a fit that converged.
/// </summary>
public sealed record ModelReport(
    bool Fitted,
    string Reason,
    int Purchasers,
    int RepeatCustomers,
    BgNbd? BgNbd,
    double? BgNbdLogLikelihood,
    GammaGamma? GammaGamma,
    double? GammaGammaLogLikelihood,
    ClvDistribution? Clv);

/// <summary>Predicted CLV over the horizon across purchasers: total, mean and quantiles.</summary>
public sealed record ClvDistribution(int HorizonDays, double AnnualDiscountRate, double Total, double Mean,
    double P10, double P25, double Median, double P75, double P90, double P99);
