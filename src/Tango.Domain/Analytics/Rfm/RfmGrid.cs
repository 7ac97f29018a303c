namespace Tango.Domain.Analytics.Rfm;

/// <summary>How many customers hold an R × F score pair.</summary>
public readonly record struct RfmCell(int R, int F, int Count);

/// <summary>How many customers are in a segment, and their share of all scored customers (0 when none).</summary>
public readonly record struct RfmSegmentCount(RfmSegment Segment, int Count, double Share);

/// <summary>
/// The population view behind <c>GET /v1/analytics/rfm</c>: customers per segment (every segment listed,
/// in <see cref="RfmSegments.All"/> order) and per R × F cell (all 25, R then F ascending).
/// </summary>
public sealed record RfmGrid(int Customers, IReadOnlyList<RfmSegmentCount> Segments, IReadOnlyList<RfmCell> Cells)
{
    public static RfmGrid Of(ReadOnlySpan<RfmScore> scores)
    {
        Span<int> cells = stackalloc int[25];
        Span<int> segments = stackalloc int[RfmSegments.All.Count];
        foreach (var score in scores)
        {
            // Segment first: it rejects a score outside 1–5 before it could index a cell.
            segments[(int)score.Segment]++;
            cells[((score.R - 1) * 5) + score.F - 1]++;
        }

        var n = scores.Length;
        var segmentCounts = new RfmSegmentCount[segments.Length];
        for (var s = 0; s < segments.Length; s++)
        {
            segmentCounts[s] = new RfmSegmentCount((RfmSegment)s, segments[s], n == 0 ? 0 : (double)segments[s] / n);
        }

        var cellCounts = new RfmCell[25];
        for (var i = 0; i < 25; i++)
        {
            cellCounts[i] = new RfmCell((i / 5) + 1, (i % 5) + 1, cells[i]);
        }

        return new RfmGrid(n, segmentCounts, cellCounts);
    }

    /// <summary>Customers whose scores are (<paramref name="r"/>, <paramref name="f"/>, any M).</summary>
    public int Count(int r, int f) => Cells[((r - 1) * 5) + f - 1].Count;

    public int Count(RfmSegment segment) => Segments[(int)segment].Count;
}
