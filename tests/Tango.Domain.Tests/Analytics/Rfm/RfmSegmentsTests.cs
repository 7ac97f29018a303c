using System.Text.Json;
using System.Text.Json.Serialization;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Tests.Analytics.Rfm;

public sealed class RfmSegmentsTests
{
    // The score map of docs/analytics.md: rows R = 5…1, columns FM = (F + M) / 2 = 1, 1.5, …, 5.
    private static readonly string[][] DocumentedMap =
    [
        ["new", "potential-loyalists", "potential-loyalists", "potential-loyalists", "loyal", "loyal", "champions", "champions", "champions"],
        ["promising", "potential-loyalists", "potential-loyalists", "potential-loyalists", "loyal", "loyal", "champions", "champions", "champions"],
        ["promising", "about-to-sleep", "need-attention", "need-attention", "need-attention", "loyal", "loyal", "loyal", "loyal"],
        ["hibernating", "hibernating", "about-to-sleep", "about-to-sleep", "at-risk", "at-risk", "at-risk", "cant-lose-them", "cant-lose-them"],
        ["lost", "lost", "hibernating", "hibernating", "at-risk", "at-risk", "at-risk", "cant-lose-them", "cant-lose-them"],
    ];

    [Fact]
    public void Every_score_in_one_to_five_cubed_maps_to_the_one_segment_the_documented_table_gives()
    {
        var reached = new HashSet<RfmSegment>();
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                for (var m = 1; m <= 5; m++)
                {
                    var segment = RfmSegments.Of(r, f, m);
                    Assert.True(Enum.IsDefined(segment));
                    Assert.Equal(DocumentedMap[5 - r][f + m - 2], segment.Name());
                    reached.Add(segment);
                }
            }
        }

        Assert.Equal(RfmSegments.All.Count, reached.Count);
    }

    [Theory]
    [InlineData(5, 5, 5, RfmSegment.Champions)]
    [InlineData(5, 1, 1, RfmSegment.New)]
    [InlineData(4, 1, 1, RfmSegment.Promising)]
    [InlineData(3, 3, 3, RfmSegment.NeedAttention)]
    [InlineData(1, 5, 5, RfmSegment.CantLoseThem)]
    [InlineData(2, 4, 2, RfmSegment.AtRisk)]
    [InlineData(1, 1, 1, RfmSegment.Lost)]
    public void Familiar_scores_land_in_their_familiar_segments(int r, int f, int m, RfmSegment expected)
    {
        Assert.Equal(expected, new RfmScore((byte)r, (byte)f, (byte)m).Segment);
    }

    [Fact]
    public void Segment_names_are_the_kebab_case_api_values_and_parse_back()
    {
        Assert.Equal(
            ["champions", "loyal", "potential-loyalists", "new", "promising", "need-attention", "about-to-sleep", "at-risk", "cant-lose-them", "hibernating", "lost"],
            RfmSegments.All.Select(s => s.Name()));
        foreach (var segment in RfmSegments.All)
        {
            Assert.True(RfmSegments.TryParse(segment.Name(), out var parsed));
            Assert.Equal(segment, parsed);
        }

        Assert.False(RfmSegments.TryParse("Champions", out _));
        Assert.False(RfmSegments.TryParse(null, out _));
    }

    [Fact]
    public void Json_writes_segments_by_their_api_names_whatever_the_naming_policy()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

        Assert.Equal("\"cant-lose-them\"", JsonSerializer.Serialize(RfmSegment.CantLoseThem, options));
        Assert.Equal("\"potential-loyalists\"", JsonSerializer.Serialize(RfmSegment.PotentialLoyalists));
    }

    [Fact]
    public void A_score_serializes_as_the_insights_rfm_object()
    {
        Assert.Equal(
            """{"r":5,"f":1,"m":1,"segment":"new"}""",
            JsonSerializer.Serialize(new RfmScore(5, 1, 1), JsonSerializerOptions.Web));
    }

    [Theory]
    [InlineData(0, 3, 3)]
    [InlineData(3, 6, 3)]
    [InlineData(3, 3, -1)]
    public void Scores_outside_one_to_five_are_rejected(int r, int f, int m)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegments.Of(r, f, m));
    }
}
