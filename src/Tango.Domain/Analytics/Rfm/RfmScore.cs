namespace Tango.Domain.Analytics.Rfm;

/// <summary>One customer's recency, frequency and monetary quintile scores, each 1–5 (5 is best).</summary>
public readonly record struct RfmScore(byte R, byte F, byte M)
{
    public RfmSegment Segment => RfmSegments.Of(R, F, M);
}
