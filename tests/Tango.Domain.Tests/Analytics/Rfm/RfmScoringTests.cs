using Tango.Domain.Analytics;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Tests.Analytics.Rfm;

public sealed class RfmScoringTests
{
    [Fact]
    public void Each_customer_gets_recency_frequency_and_monetary_quintiles_in_input_order()
    {
        double[] daysSinceLast = [1, 200, 30, 90, 400];
        double[] frequency = [12, 1, 4, 2, 1];
        double[] monetary = [80, 10, 45, 30, 20];

        var scores = RfmScoring.Score(daysSinceLast, frequency, monetary);

        Assert.Equal(
            [new RfmScore(5, 5, 5), new RfmScore(2, 1, 1), new RfmScore(4, 4, 4), new RfmScore(3, 3, 3), new RfmScore(1, 1, 2)],
            scores);
        Assert.Equal(RfmSegment.Champions, scores[0].Segment);
        Assert.Equal(RfmSegment.Lost, scores[4].Segment);
    }

    [Fact]
    public void Summary_fields_rank_recency_as_time_from_last_purchase_to_the_end_of_calibration()
    {
        // T − recency = 10, 50, 0: the third customer bought last on the final day, the second longest ago.
        double[] frequency = [2, 0, 5];
        double[] recency = [20, 0, 30];
        double[] t = [30, 50, 30];
        double[] monetary = [15, 0, 40];
        var scores = new RfmScore[3];

        RfmScoring.ScoreSummaries(frequency, recency, t, monetary, scores);

        Assert.Equal([new RfmScore(2, 2, 2), new RfmScore(1, 1, 1), new RfmScore(4, 4, 4)], scores);
    }

    [Fact]
    public void Customer_summaries_score_like_their_fields_held_column_by_column()
    {
        CustomerSummary[] summaries = [new(2, 20, 30, 15), new(0, 0, 50, 0), new(5, 30, 30, 40)];

        var scores = RfmScoring.ScoreSummaries(summaries);

        Assert.Equal([new RfmScore(2, 2, 2), new RfmScore(1, 1, 1), new RfmScore(4, 4, 4)], scores);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RfmScoring.Score([1, 2], [1, 2], [1]));
        Assert.Throws<ArgumentException>(() => RfmScoring.ScoreSummaries([1, 2], [1, 2], [1], [1, 2], new RfmScore[2]));
    }
}
