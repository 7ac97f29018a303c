using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class UpliftTests
{
    [Fact]
    public void Newcombes_worked_example_gives_his_hybrid_score_interval()
    {
        // Newcombe (1998), Statistics in Medicine 17:873-890, Table II example (a): 56/70 - 48/80.
        var estimate = Uplift.Of(new Proportion(56, 70), new Proportion(48, 80));

        Assert.Equal(0.2, estimate.Uplift!.Value, 12);
        Assert.Equal(0.0524, estimate.Lower!.Value, 4);
        Assert.Equal(0.3339, estimate.Upper!.Value, 4);
    }

    [Theory]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]  // Newcombe's example (b)
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]    // (c)
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)] // (d): a group with no successes
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)] // (e): none anywhere
    [InlineData(10, 10, 0, 10, 0.6075, 1.0)]    // (h): all against none, the upper end at 1
    public void Newcombes_other_worked_examples_match_to_four_places(long x1, long n1, long x2, long n2, double lower, double upper)
    {
        var estimate = Uplift.Of(new Proportion(x1, n1), new Proportion(x2, n2));

        Assert.Equal(lower, estimate.Lower!.Value, 4);
        Assert.Equal(upper, estimate.Upper!.Value, 4);
    }

    [Fact]
    public void Wilson_interval_matches_the_textbook_value_for_81_of_263()
    {
        // Agresti & Coull (1998) style check: 81/263 -> (0.2553, 0.3662).
        var (lower, upper) = Uplift.Wilson(new Proportion(81, 263));

        Assert.Equal(0.2553, lower, 4);
        Assert.Equal(0.3662, upper, 4);
    }

    [Fact]
    public void A_group_without_members_gives_no_uplift_rather_than_a_number()
    {
        var estimate = Uplift.Of(new Proportion(3, 10), new Proportion(0, 0));

        Assert.Equal(0.3, estimate.ConversionTreated);
        Assert.Null(estimate.ConversionHoldout);
        Assert.Null(estimate.Uplift);
        Assert.Null(estimate.Lower);
    }

    [Fact]
    public void On_a_synthetic_population_with_a_known_effect_the_interval_covers_it_and_excludes_zero()
    {
        // 20,000 members, 10% held out by the journey's own hash; treated convert at 12%, held out at 8%.
        var random = new Random(20261123);
        long treated = 0, treatedConverted = 0, held = 0, heldConverted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var heldOut = Holdout.IsHeldOut("reactivation", $"member-{i}", 10);
            var converted = random.NextDouble() < (heldOut ? 0.08 : 0.12);
            (treated, treatedConverted, held, heldConverted) = heldOut
                ? (treated, treatedConverted, held + 1, heldConverted + (converted ? 1 : 0))
                : (treated + 1, treatedConverted + (converted ? 1 : 0), held, heldConverted);
        }

        var estimate = Uplift.Of(new Proportion(treatedConverted, treated), new Proportion(heldConverted, held));

        Assert.InRange(held, 1_850, 2_150);
        Assert.InRange(0.04, estimate.Lower!.Value, estimate.Upper!.Value);
        Assert.True(estimate.Lower > 0, $"the interval ({estimate.Lower}, {estimate.Upper}) should exclude no effect");
        Assert.InRange(estimate.Upper!.Value - estimate.Lower.Value, 0.02, 0.04);
    }

    [Fact]
    public void Over_many_synthetic_experiments_the_interval_covers_the_true_uplift_about_95_percent_of_the_time()
    {
        var random = new Random(7);
        var covered = 0;
        const int Experiments = 2_000;
        for (var e = 0; e < Experiments; e++)
        {
            var treated = Successes(random, 400, 0.30);
            var held = Successes(random, 100, 0.25);
            var estimate = Uplift.Of(new Proportion(treated, 400), new Proportion(held, 100));
            covered += estimate.Lower <= 0.05 && 0.05 <= estimate.Upper ? 1 : 0;
        }

        Assert.InRange(covered / (double)Experiments, 0.93, 0.97);
    }

    private static long Successes(Random random, int trials, double p)
    {
        var count = 0L;
        for (var i = 0; i < trials; i++)
        {
            count += random.NextDouble() < p ? 1 : 0;
        }
        return count;
    }
}
