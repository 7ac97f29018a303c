using Tango.Store.Journeys;

namespace Tango.Journeys;

/// <summary>
/// `GET /v1/journeys/{key}/report`. Conversion is a purchase after the trigger and within the journey's
/// conversion window (the triggering order itself does not count), in both groups alike; uplift is treated
/// minus held-out conversion with Newcombe's hybrid score 95% interval (see docs/journeys.md).
/// </summary>
public sealed record JourneyReport(
    string Key,
    long Entered,
    long HeldOut,
    long Treated,
    long Sent,
    long Converted,
    long ConvertedTreated,
    long ConvertedHoldout,
    double? ConversionTreated,
    double? ConversionHoldout,
    double? Uplift,
    double[]? UpliftCi95,
    string UpliftMethod,
    IReadOnlyDictionary<string, long> Skipped,
    IReadOnlyDictionary<string, long> Entries)
{
    public static JourneyReport Of(JourneyView journey, JourneyCounts counts)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(counts);
        var uplift = JourneyQueries.Uplift(counts);
        return new JourneyReport(journey.Key, counts.Treated + counts.HeldOut, counts.HeldOut, counts.Treated, counts.Sent,
            counts.ConvertedTreated + counts.ConvertedHoldout, counts.ConvertedTreated, counts.ConvertedHoldout,
            uplift.ConversionTreated, uplift.ConversionHoldout, uplift.Uplift,
            uplift.Lower is { } lo && uplift.Upper is { } hi ? [lo, hi] : null,
            "newcombe-hybrid-score", counts.Skipped, counts.ByStatus);
    }
}
