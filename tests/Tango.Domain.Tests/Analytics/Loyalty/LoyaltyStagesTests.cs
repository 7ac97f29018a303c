using System.Globalization;
using Tango.Domain.Analytics.Loyalty;

namespace Tango.Domain.Tests.Analytics.Loyalty;

public sealed class LoyaltyStagesTests
{
    // Active window: 2026-04-02 … 2026-06-30; onboarding: first purchase on or after 2026-06-01.
    private static readonly DateOnly AsOf = D("2026-06-30");

    private static readonly LoyaltyFacts Regular = new(Orders: 3, D("2025-01-01"), D("2026-06-01"));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static LoyaltyStage Stage(LoyaltyFacts member) => LoyaltyStages.Of(member, AsOf);

    [Fact]
    public void A_member_who_never_purchased_has_no_stage()
    {
        Assert.Equal(LoyaltyStage.None, Stage(new LoyaltyFacts(0, null, null, NpsScore: 10)));
        Assert.Equal(LoyaltyStage.None, Stage(new LoyaltyFacts(1, null, null)));
    }

    [Fact]
    public void A_recent_first_purchase_without_a_repeat_is_temporary()
    {
        Assert.Equal(LoyaltyStage.Temporary, Stage(new LoyaltyFacts(1, D("2026-05-01"), D("2026-05-01"))));
        Assert.Equal(LoyaltyStage.Temporary, Stage(new LoyaltyFacts(1, D("2026-06-20"), D("2026-06-20"), PAlive: 1)));
    }

    [Fact]
    public void Onboarding_lasts_thirty_days_from_the_first_purchase()
    {
        Assert.Equal(LoyaltyStage.Temporary, Stage(Regular with { FirstPurchase = D("2026-06-01"), LastPurchase = D("2026-06-25") }));
        Assert.Equal(LoyaltyStage.LongTerm, Stage(Regular with { FirstPurchase = D("2026-05-31"), LastPurchase = D("2026-06-25") }));
    }

    [Fact]
    public void Long_term_needs_two_repeat_purchases()
    {
        Assert.Equal(LoyaltyStage.LongTerm, Stage(Regular));
        Assert.Equal(LoyaltyStage.Temporary, Stage(Regular with { Orders = 2 }));
    }

    [Fact]
    public void Without_a_model_no_purchase_in_the_window_is_lapsing()
    {
        Assert.Equal(LoyaltyStage.Lapsing, Stage(Regular with { LastPurchase = D("2026-04-01") }));
        Assert.Equal(LoyaltyStage.LongTerm, Stage(Regular with { LastPurchase = D("2026-04-02") }));
        Assert.Equal(LoyaltyStage.Lapsing, Stage(new LoyaltyFacts(1, D("2026-01-01"), D("2026-01-01"))));
    }

    [Theory]
    [InlineData(0.49, LoyaltyStage.Lapsing)]
    [InlineData(0.5, LoyaltyStage.Temporary)]
    [InlineData(0.69, LoyaltyStage.Temporary)]
    [InlineData(0.7, LoyaltyStage.LongTerm)]
    public void With_a_model_p_alive_draws_the_lapsing_and_long_term_lines(double pAlive, LoyaltyStage expected)
    {
        Assert.Equal(expected, Stage(Regular with { PAlive = pAlive }));
    }

    [Fact]
    public void With_a_model_a_high_p_alive_outweighs_a_quiet_window_for_repeat_buyers()
    {
        Assert.Equal(LoyaltyStage.LongTerm, Stage(Regular with { LastPurchase = D("2026-01-01"), PAlive = 0.8 }));
    }

    [Fact]
    public void A_one_time_buyer_outside_the_window_is_lapsing_even_at_p_alive_one()
    {
        // BG/NBD gives P(alive) = 1 to everyone who never repeated, so it cannot tell them apart.
        Assert.Equal(LoyaltyStage.Lapsing, Stage(new LoyaltyFacts(1, D("2025-01-01"), D("2025-01-01"), PAlive: 1)));
    }

    [Theory]
    [InlineData(1, null, null, LoyaltyStage.Fan)]
    [InlineData(0, null, null, LoyaltyStage.LongTerm)]
    [InlineData(null, 9, null, LoyaltyStage.Fan)]
    [InlineData(null, 8, null, LoyaltyStage.LongTerm)]
    [InlineData(null, null, true, LoyaltyStage.Fan)]
    [InlineData(null, null, false, LoyaltyStage.LongTerm)]
    [InlineData(null, null, null, LoyaltyStage.LongTerm)]
    public void A_long_term_member_who_advocates_is_a_fan(int? referrals, int? nps, bool? insider, LoyaltyStage expected)
    {
        Assert.Equal(expected, Stage(Regular with { QualifiedReferrals = referrals, NpsScore = nps, Insider = insider }));
    }

    [Fact]
    public void Advocacy_does_not_lift_a_temporary_or_lapsing_member()
    {
        Assert.Equal(LoyaltyStage.Temporary, Stage(Regular with { Orders = 1, NpsScore = 10 }));
        Assert.Equal(LoyaltyStage.Lapsing, Stage(Regular with { PAlive = 0.2, QualifiedReferrals = 3 }));
    }

    [Fact]
    public void Stage_names_are_the_api_values()
    {
        Assert.Equal(
            ["none", "temporary", "long-term", "fan", "lapsing"],
            Enum.GetValues<LoyaltyStage>().Select(s => s.Name()));
        Assert.Equal("\"long-term\"", System.Text.Json.JsonSerializer.Serialize(LoyaltyStage.LongTerm));
    }
}
