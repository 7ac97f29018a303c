using Tango.Domain.Analytics;

namespace Tango.Domain.Tests.Analytics;

public sealed class CustomerValueTests
{
    private static readonly BgNbd Weekly = new(0.242595, 4.413602, 0.792922, 2.425907);
    private static readonly GammaGamma Spend = new(6.25, 3.74, 15.44);

    private static void ScoresMatchTheDefinitions(BgNbd model, CustomerSummary[] customers, int horizon, double discountRate)
    {
        var scores = CustomerValue.Score(model, Spend, customers, horizon, discountRate);

        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            var expected = model.ConditionalExpectedPurchases(horizon, c.Frequency, c.Recency, c.T);
            var clv = CustomerValue.Clv(model, Spend, c, horizon, discountRate);
            Assert.Equal(model.PAlive(c.Frequency, c.Recency, c.T), scores[i].PAlive, 1e-15);
            Assert.Equal(expected, scores[i].ExpectedPurchases, (expected * 1e-12) + 1e-300);
            Assert.Equal(clv, scores[i].Clv, clv * 1e-9);
        }
    }

    [Fact]
    public void Scoring_the_cdnow_base_in_weeks_matches_each_customers_definitions()
    {
        ScoresMatchTheDefinitions(Weekly, Cdnow.Summaries(), horizon: 52, discountRate: 0.002);
    }

    [Fact]
    public void Scoring_in_days_over_a_year_matches_the_definitions_down_to_customers_who_joined_on_the_last_day()
    {
        // α in days; customers with T of 0 to 3 days put z within a few percent of 1 at the horizon.
        var daily = Weekly with { Alpha = Weekly.Alpha * 7 };
        CustomerSummary[] customers =
        [
            new(0, 0, 0, 0), new(0, 0, 3, 0), new(1, 1, 1, 12), new(2, 1, 3, 40),
            new(5, 200, 250, 30), new(40, 260, 270, 22), new(0, 0, 270, 0), new(500, 4990, 5000, 18),
        ];

        ScoresMatchTheDefinitions(daily, customers, horizon: 365, discountRate: 0.0003);
        ScoresMatchTheDefinitions(daily with { Alpha = 0.5 }, customers, horizon: 365, discountRate: 0.0003);
    }

    [Fact]
    public void Without_discounting_clv_is_expected_spend_times_expected_purchases_at_the_horizon()
    {
        var customer = new CustomerSummary(2, 30.43, 38.86, 30);

        var clv = CustomerValue.Clv(Weekly, Spend, customer, 39, 0);

        Assert.Equal(Spend.ConditionalExpectedAverageSpend(2, 30) * Weekly.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), clv, 1e-12);
    }

    [Fact]
    public void Discounting_lowers_clv_and_a_zero_horizon_scores_zero()
    {
        var customer = new CustomerSummary(4, 30, 38, 25);

        Assert.True(CustomerValue.Clv(Weekly, Spend, customer, 52, 0.01) < CustomerValue.Clv(Weekly, Spend, customer, 52, 0));
        var score = Assert.Single(CustomerValue.Score(Weekly, Spend, new[] { customer }, 0, 0.01));
        Assert.Equal(0, score.ExpectedPurchases);
        Assert.Equal(0, score.Clv);
    }

    [Fact]
    public void Expected_spend_shrinks_a_customers_mean_towards_the_population_mean()
    {
        var population = Spend.PopulationMeanSpend();

        Assert.Equal(population, Spend.ConditionalExpectedAverageSpend(0, 0), 1e-12);
        var few = Spend.ConditionalExpectedAverageSpend(1, 100);
        var many = Spend.ConditionalExpectedAverageSpend(20, 100);
        Assert.InRange(few, population, many);
        Assert.InRange(many, few, 100);
    }
}
