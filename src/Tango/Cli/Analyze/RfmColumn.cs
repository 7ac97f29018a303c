using Tango.Domain.Analytics;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Cli.Analyze;

/// <summary>The rfmSegment column of customers.csv: RFM scored from the calibration summaries (docs/analytics.md).</summary>
internal static class RfmColumn
{
    public static string[] Segments(CustomerSummary[] summaries) =>
        [.. RfmScoring.ScoreSummaries(summaries).Select(score => score.Segment.Name())];
}
