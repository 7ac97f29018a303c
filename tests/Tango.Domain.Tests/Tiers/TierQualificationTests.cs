using Tango.Domain.Programs;
using Tango.Domain.Tests.Programs;
using Tango.Domain.Tiers;

namespace Tango.Domain.Tests.Tiers;

public sealed class TierQualificationTests
{
    [Theory]
    [InlineData(0, "bronze")]
    [InlineData(499.99, "bronze")]
    [InlineData(500, "silver")]
    [InlineData(1499, "silver")]
    [InlineData(1500, "gold")]
    [InlineData(1_000_000, "gold")]
    public void Highest_tier_whose_spend_threshold_is_met(decimal spend, string tier)
    {
        Assert.Equal(tier, TierQualification.For(ApiExample.Program, spend, points: 0, purchases: 0)?.Id);
    }

    [Fact]
    public void No_tiers_or_below_the_first_threshold_is_no_tier()
    {
        var program = ProgramDocument.Default with { Tiers = [new TierDefinition { Id = "vip", Name = "VIP", MinSpend = 100 }] };

        Assert.Null(TierQualification.For(ProgramDocument.Default, 1000m, 1000, 10));
        Assert.Null(TierQualification.For(program, 99m, 0, 0));
    }

    [Fact]
    public void Points_metric_reads_min_points_and_falls_back_to_min_spend()
    {
        var program = ProgramDocument.Default with
        {
            TierPolicy = new TierPolicy { Metric = "points" },
            Tiers =
            [
                new TierDefinition { Id = "a", Name = "A", MinSpend = 0 },
                new TierDefinition { Id = "b", Name = "B", MinSpend = 999_999, MinPoints = 1000 },
                new TierDefinition { Id = "c", Name = "C", MinSpend = 5000 },
            ],
        };

        Assert.Equal("b", TierQualification.For(program, spend: 0m, points: 1000, purchases: 0)?.Id);
        Assert.Equal("c", TierQualification.For(program, spend: 0m, points: 5000, purchases: 0)?.Id);
    }

    [Fact]
    public void Purchases_metric_reads_min_purchases_and_falls_back_to_min_spend()
    {
        var program = ProgramDocument.Default with
        {
            TierPolicy = new TierPolicy { Metric = "purchases" },
            Tiers =
            [
                new TierDefinition { Id = "a", Name = "A", MinSpend = 0 },
                new TierDefinition { Id = "b", Name = "B", MinSpend = 10_000, MinPurchases = 5 },
                new TierDefinition { Id = "c", Name = "C", MinSpend = 20.9m },
            ],
        };

        Assert.Equal("a", TierQualification.For(program, spend: 1_000_000m, points: 0, purchases: 4)?.Id);
        Assert.Equal("b", TierQualification.For(program, spend: 0m, points: 0, purchases: 5)?.Id);
        Assert.Equal("c", TierQualification.For(program, spend: 0m, points: 0, purchases: 20)?.Id);
    }
}
