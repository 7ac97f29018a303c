using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Tests.Analytics.Rfm;

public sealed class QuintilesTests
{
    private static byte[] Scores(double[] values, bool higherIsBetter = true)
    {
        var scores = new byte[values.Length];
        Quintiles.Score(values, scores, higherIsBetter);
        return scores;
    }

    [Fact]
    public void Ten_distinct_values_split_into_five_pairs_reported_in_input_order()
    {
        Assert.Equal([5, 1, 3, 2, 4, 5, 1, 2, 3, 4], Scores([90, 5, 50, 30, 70, 100, 10, 20, 60, 80]));
    }

    [Fact]
    public void Recency_scores_fewer_days_higher()
    {
        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], Scores([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], higherIsBetter: false));
    }

    [Fact]
    public void Tied_values_share_the_lowest_score_their_tie_reaches()
    {
        // Six one-time buyers: nobody is below them, so b = 0 → 1; the 2 has six below → 1 + ⌊30/10⌋ = 4.
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], Scores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]));
    }

    [Fact]
    public void Tied_recencies_share_a_score_counted_from_the_less_recent_side()
    {
        // Four customers bought today; six are less recent than them → 1 + ⌊30/10⌋ = 4.
        Assert.Equal([4, 4, 4, 4, 3, 3, 2, 1, 1, 1], Scores([0, 0, 0, 0, 5, 6, 7, 9, 9, 9], higherIsBetter: false));
    }

    [Fact]
    public void A_population_that_does_not_divide_by_five_scores_by_the_floor_of_five_b_over_n()
    {
        // b = 0…6 over n = 7 → 1 + ⌊5b/7⌋ = 1, 1, 2, 3, 3, 4, 5.
        Assert.Equal([1, 1, 2, 3, 3, 4, 5], Scores([1, 2, 3, 4, 5, 6, 7]));
    }

    [Fact]
    public void Everyone_equal_scores_one_and_a_single_customer_scores_one()
    {
        Assert.All(Scores([3, 3, 3, 3]), s => Assert.Equal(1, s));
        Assert.All(Scores([3, 3, 3, 3], higherIsBetter: false), s => Assert.Equal(1, s));
        Assert.Equal([1], Scores([42]));
        Assert.Empty(Scores([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1001)]
    public void Scores_match_the_rank_definition_on_data_full_of_ties(int n)
    {
        var random = new Random(n);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = random.Next(0, 12);
        }

        var up = Scores(values);
        var down = Scores(values, higherIsBetter: false);

        for (var i = 0; i < n; i++)
        {
            var below = values.Count(v => v < values[i]);
            var above = values.Count(v => v > values[i]);
            Assert.Equal(1 + (5 * below / n), up[i]);
            Assert.Equal(1 + (5 * above / n), down[i]);
        }
    }

    [Fact]
    public void NaN_and_mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Scores([1, double.NaN, 3]));
        Assert.Throws<ArgumentException>(() => Quintiles.Score([1, 2], new byte[3], higherIsBetter: true));
    }
}
