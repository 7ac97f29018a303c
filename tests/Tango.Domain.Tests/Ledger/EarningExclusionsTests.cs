using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using static Tango.Domain.Tests.Ledger.Orders;

namespace Tango.Domain.Tests.Ledger;

public sealed class EarningExclusionsTests
{
    private static readonly EarningExclusions GiftCards = new() { Categories = ["gift-cards"], Skus = ["deposit"] };

    private static ProgramDocument Excluding(params EarningRule[] rules) =>
        ProgramWith(rules) with { Earning = new EarningPolicy { Rules = rules, Exclude = GiftCards } };

    [Fact]
    public void An_excluded_category_earns_neither_base_nor_rules()
    {
        var program = Excluding(new EarningRule { Id = "double", Multiplier = 2 });

        var result = Earning.Calculate(program, Purchase(Line("beans", "coffee", 30m), Line("card-50", "GIFT-CARDS", 50m)));

        // Only the 30.00 of coffee earns: 30 base, +30 for the doubling.
        Assert.Equal(60, result.Points);
        Assert.Equal("base: 30.00 EUR × 1 pt/EUR", result.Components[0].Reason);
    }

    [Fact]
    public void An_excluded_sku_matches_exactly()
    {
        var result = Earning.Calculate(Excluding(), Purchase(Line("deposit", null, 5m), Line("Deposit", null, 5m)));

        Assert.Equal(5, result.Points);
    }

    [Fact]
    public void Excluded_lines_keep_their_share_of_a_discounted_total()
    {
        // 80 paid for 100 of goods: the gift card is 50 of 100, so 40 of the 80 paid does not earn.
        var result = Earning.Calculate(Excluding(), Purchase(80m, Line("beans", "coffee", 50m), Line("card", "gift-cards", 50m)));

        Assert.Equal(40, result.Points);
    }

    [Fact]
    public void A_gift_card_does_not_make_a_basket_big_enough_for_a_minimum_total()
    {
        var program = Excluding(new EarningRule { Id = "big-basket", When = new RuleConditions { MinTotal = 100 }, BonusPoints = 50 });

        var result = Earning.Calculate(program, Purchase(Line("beans", "coffee", 60m), Line("card", "gift-cards", 50m)));

        Assert.Equal(60, result.Points);
    }

    [Fact]
    public void A_bonus_on_an_excluded_category_is_not_paid()
    {
        var program = Excluding(new EarningRule { Id = "cards", When = new RuleConditions { Categories = ["gift-cards"] }, BonusPoints = 10 });

        Assert.Equal(0, Earning.Calculate(program, Purchase(Line("card", "gift-cards", 50m))).Points);
    }

    [Fact]
    public void Without_the_exclude_key_gift_cards_earn_as_before()
    {
        var result = Earning.Calculate(ProgramDocument.Default, Purchase(Line("beans", "coffee", 30m), Line("card", "gift-cards", 50m)));

        Assert.Equal(80, result.Points);
    }

    [Fact]
    public void A_purchase_without_lines_has_nothing_to_exclude()
    {
        Assert.Equal(25, Earning.Calculate(Excluding(), Purchase(25m)).Points);
    }
}
