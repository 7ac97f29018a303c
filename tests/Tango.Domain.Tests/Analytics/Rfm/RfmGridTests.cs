using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Tests.Analytics.Rfm;

public sealed class RfmGridTests
{
    [Fact]
    public void Grid_counts_customers_per_r_by_f_cell_and_per_segment()
    {
        RfmScore[] scores = [new(5, 5, 5), new(5, 5, 4), new(5, 1, 1), new(1, 1, 1), new(1, 5, 5)];

        var grid = RfmGrid.Of(scores);

        Assert.Equal(5, grid.Customers);
        Assert.Equal(25, grid.Cells.Count);
        Assert.Equal(2, grid.Count(5, 5));
        Assert.Equal(1, grid.Count(5, 1));
        Assert.Equal(1, grid.Count(1, 1));
        Assert.Equal(0, grid.Count(3, 3));
        Assert.Equal(new RfmCell(1, 5, 1), grid.Cells[4]);
        Assert.Equal(new RfmSegmentCount(RfmSegment.Champions, 2, 0.4), grid.Segments[0]);
        Assert.Equal(1, grid.Count(RfmSegment.New));
        Assert.Equal(1, grid.Count(RfmSegment.Lost));
        Assert.Equal(1, grid.Count(RfmSegment.CantLoseThem));
        Assert.Equal(RfmSegments.All, grid.Segments.Select(s => s.Segment));
        Assert.Equal(5, grid.Segments.Sum(s => s.Count));
    }

    [Fact]
    public void An_empty_population_lists_every_segment_and_cell_at_zero()
    {
        var grid = RfmGrid.Of([]);

        Assert.Equal(0, grid.Customers);
        Assert.All(grid.Segments, s => Assert.Equal((0, 0.0), (s.Count, s.Share)));
        Assert.All(grid.Cells, c => Assert.Equal(0, c.Count));
    }
}
