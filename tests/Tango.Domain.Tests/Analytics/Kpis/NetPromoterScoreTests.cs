using Tango.Domain.Analytics.Kpis;

namespace Tango.Domain.Tests.Analytics.Kpis;

public sealed class NetPromoterScoreTests
{
    [Fact]
    public void Ten_answers_give_percent_promoters_minus_percent_detractors()
    {
        // Promoters 10, 10, 9, 9, 9 (50 %); passives 8, 7; detractors 6, 3, 0 (30 %).
        Assert.Equal(20.0, NetPromoterScore.Of([10, 10, 9, 9, 9, 8, 7, 6, 3, 0]));
    }

    [Fact]
    public void All_promoters_is_100_and_all_detractors_is_minus_100_and_passives_alone_are_0()
    {
        Assert.Equal(100.0, NetPromoterScore.Of([9, 10]));
        Assert.Equal(-100.0, NetPromoterScore.Of([0, 6, 4]));
        Assert.Equal(0.0, NetPromoterScore.Of([7, 8]));
    }

    [Fact]
    public void No_answers_is_no_score()
    {
        Assert.Null(NetPromoterScore.Of([]));
        Assert.Null(NetPromoterScore.Of(promoters: 0, passives: 0, detractors: 0));
    }

    [Fact]
    public void Counts_give_the_same_score_as_answers()
    {
        Assert.Equal(NetPromoterScore.Of([10, 9, 8, 1]), NetPromoterScore.Of(promoters: 2, passives: 1, detractors: 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Answers_outside_zero_to_ten_are_rejected(int score)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.Of([5, score]));
    }
}
