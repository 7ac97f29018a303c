using Tango.Domain.Analytics.Loyalty;

namespace Tango.Domain.Tests.Analytics.Loyalty;

public sealed class HabitStrengthTests
{
    private static readonly DateOnly Start = new(2026, 1, 5);

    private static DateOnly[] Days(params int[] offsets) => [.. offsets.Select(Start.AddDays)];

    [Fact]
    public void A_perfectly_regular_rhythm_over_five_intervals_is_one()
    {
        Assert.Equal(1.0, HabitStrength.Of(Days(0, 7, 14, 21, 28, 35)));
        Assert.Equal(1.0, HabitStrength.Of(Days(0, 30, 60, 90, 120, 150, 180, 210)));
    }

    [Fact]
    public void Irregular_intervals_score_lower_by_their_coefficient_of_variation()
    {
        // Gaps 6, 8, 7, 6, 8: mean 7, population SD √0.8, so 1 − √0.8 / 7.
        Assert.Equal(1 - (Math.Sqrt(0.8) / 7), HabitStrength.Of(Days(0, 6, 14, 21, 27, 35)), 12);
    }

    [Fact]
    public void Intervals_varying_as_much_as_their_mean_clip_to_zero()
    {
        Assert.Equal(0.0, HabitStrength.Of(Days(0, 1, 14, 15, 28, 29)));
    }

    [Fact]
    public void Fewer_than_five_intervals_scale_regularity_down()
    {
        Assert.Equal(0.4, HabitStrength.Of(Days(0, 7, 14)), 12);
        Assert.Equal(0.8, HabitStrength.Of(Days(0, 7, 14, 21, 28)), 12);
    }

    [Fact]
    public void Fewer_than_two_intervals_is_zero_and_same_day_purchases_count_once()
    {
        Assert.Equal(0.0, HabitStrength.Of([]));
        Assert.Equal(0.0, HabitStrength.Of(Days(0)));
        Assert.Equal(0.0, HabitStrength.Of(Days(0, 0, 7, 7)));
        Assert.Equal(0.4, HabitStrength.Of(Days(0, 0, 7, 7, 14)), 12);
    }

    [Fact]
    public void Order_of_the_dates_does_not_matter()
    {
        Assert.Equal(HabitStrength.Of(Days(0, 6, 14, 21, 27, 35)), HabitStrength.Of(Days(27, 0, 35, 14, 6, 21, 14)));
    }
}
