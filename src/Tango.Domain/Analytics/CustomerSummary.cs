namespace Tango.Domain.Analytics;

/// <summary>
/// One customer in the calibration period, in the model's time unit: <paramref name="Frequency"/> repeat
/// purchase days, <paramref name="Recency"/> from the first to the last purchase day, <paramref name="T"/>
/// from the first purchase day to the end of the calibration period, <paramref name="Monetary"/> the mean
/// spend of the repeat purchase days (0 without any).
/// </summary>
public readonly record struct CustomerSummary(double Frequency, double Recency, double T, double Monetary);

/// <summary>One purchase: its day (<see cref="DateOnly.DayNumber"/>) and amount.</summary>
/// <remarks>The amount is a double: the models are statistical and sum millions of them.</remarks>
public readonly record struct Transaction(int Day, double Amount);

/// <summary>A customer's calibration summary and the purchase days counted in the holdout period after it.</summary>
public readonly record struct CustomerHistory(CustomerSummary Summary, int HoldoutPurchases);
