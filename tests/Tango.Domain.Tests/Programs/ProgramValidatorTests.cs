using Tango.Domain.Programs;

namespace Tango.Domain.Tests.Programs;

public sealed class ProgramValidatorTests
{
    [Theory]
    [InlineData("""{"currency":"XYZ"}""", "currency")]
    [InlineData("""{"currency":"eur"}""", "currency")]
    [InlineData("""{"timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"timeZone":""}""", "timeZone")]
    [InlineData("""{"earning":{"pointsPerUnit":-1}}""", "earning.pointsPerUnit")]
    [InlineData("""{"earning":{"pointsPerUnit":1000001}}""", "earning.pointsPerUnit")]
    [InlineData("""{"earning":{"rules":[{"id":"","multiplier":2}]}}""", "earning.rules[0].id")]
    [InlineData("""{"earning":{"rules":[{"id":"has space","multiplier":2}]}}""", "earning.rules[0].id")]
    [InlineData("""{"earning":{"rules":[{"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","multiplier":2}]}}""", "earning.rules[0].id")]
    [InlineData("""{"earning":{"rules":[{"id":"a","multiplier":2},{"id":"a","multiplier":3}]}}""", "earning.rules[1].id")]
    [InlineData("""{"earning":{"rules":[{"id":"a"}]}}""", "earning.rules[0].multiplier")]
    [InlineData("""{"earning":{"rules":[{"id":"a","multiplier":2},{"id":"b","multiplier":0}]}}""", "earning.rules[1].multiplier")]
    [InlineData("""{"earning":{"rules":[{"id":"a","multiplier":100.5}]}}""", "earning.rules[0].multiplier")]
    [InlineData("""{"earning":{"rules":[{"id":"a","bonusPoints":-5}]}}""", "earning.rules[0].bonusPoints")]
    [InlineData("""{"earning":{"rules":[{"id":"a","bonusPoints":5,"maxPointsPerOrder":-1}]}}""", "earning.rules[0].maxPointsPerOrder")]
    [InlineData("""{"earning":{"rules":[{"id":"a","bonusPoints":5,"when":{"daysOfWeek":["mon","monday"]}}]}}""", "earning.rules[0].when.daysOfWeek[1]")]
    [InlineData("""{"earning":{"rules":[{"id":"a","bonusPoints":5,"when":{"from":"2026-12-31","to":"2026-12-01"}}]}}""", "earning.rules[0].when.to")]
    [InlineData("""{"earning":{"rules":[{"id":"a","bonusPoints":5,"when":{"minTotal":-0.01}}]}}""", "earning.rules[0].when.minTotal")]
    [InlineData("""{"earning":{"rules":[{"id":"a","bonusPoints":5,"when":{"categories":[""]}}]}}""", "earning.rules[0].when.categories[0]")]
    [InlineData("""{"expiry":{"months":0}}""", "expiry.months")]
    [InlineData("""{"expiry":{"months":601}}""", "expiry.months")]
    [InlineData("""{"cashback":{"percent":-1}}""", "cashback.percent")]
    [InlineData("""{"cashback":{"percent":100.01}}""", "cashback.percent")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":0},{"id":"a","name":"B","minSpend":10}]}""", "tiers[1].id")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":-1}]}""", "tiers[0].minSpend")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":0},{"id":"b","name":"B","minSpend":500},{"id":"c","name":"C","minSpend":500}]}""", "tiers[2].minSpend")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":100},{"id":"b","name":"B","minSpend":50}]}""", "tiers[1].minSpend")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":0,"multiplier":0}]}""", "tiers[0].multiplier")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":0,"multiplier":101}]}""", "tiers[0].multiplier")]
    [InlineData("""{"tierPolicy":{"metric":"visits","windowMonths":12}}""", "tierPolicy.metric")]
    [InlineData("""{"tierPolicy":{"metric":"spend","windowMonths":0}}""", "tierPolicy.windowMonths")]
    [InlineData("""{"tierPolicy":{"metric":"spend","windowMonths":121}}""", "tierPolicy.windowMonths")]
    [InlineData("""{"tierPolicy":{"metric":"spend","downgradeGraceMonths":-1}}""", "tierPolicy.downgradeGraceMonths")]
    [InlineData("""{"tierPolicy":{"metric":"spend","downgradeGraceMonths":121}}""", "tierPolicy.downgradeGraceMonths")]
    [InlineData("""{"referral":{"referrerPoints":-1}}""", "referral.referrerPoints")]
    [InlineData("""{"referral":{"friendPoints":-1}}""", "referral.friendPoints")]
    [InlineData("""{"referral":{"minFirstPurchase":-1}}""", "referral.minFirstPurchase")]
    [InlineData("""{"referral":{"maxRewardsPerMonth":-1}}""", "referral.maxRewardsPerMonth")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"coupon"},{"id":"r","name":"S","kind":"coupon"}]}""", "rewards[1].id")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"voucher"}]}""", "rewards[0].kind")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"coupon","costPoints":-1}]}""", "rewards[0].costPoints")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"coupon","stock":-1}]}""", "rewards[0].stock")]
    [InlineData("""{"tiers":[{"id":"gold","name":"Gold","minSpend":0}],"rewards":[{"id":"r","name":"R","kind":"access","tiers":["gold","platinum"]}]}""", "rewards[0].tiers[1]")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":1},{"id":"c","name":"D","event":"purchase","windowDays":1}]}""", "challenges[1].id")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","count":0,"windowDays":1}]}""", "challenges[0].count")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":0}]}""", "challenges[0].windowDays")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"","windowDays":1}]}""", "challenges[0].event")]
    public void Each_broken_rule_is_reported_at_its_json_path(string json, string path)
    {
        var errors = ProgramValidator.Validate(ApiExample.Parse(json));

        Assert.Equal([path], errors.Keys);
        Assert.NotEmpty(errors[path]);
    }

    [Fact]
    public void Every_broken_field_is_reported_at_once()
    {
        var program = ApiExample.Program with
        {
            Currency = "XXX",
            Expiry = new ExpiryPolicy { Months = 0 },
            Cashback = new CashbackPolicy { Percent = 200 },
        };

        var errors = ProgramValidator.Validate(program);

        Assert.Equal(["cashback.percent", "currency", "expiry.months"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tier_thresholds_follow_the_tier_metric()
    {
        var json = """
            {"tierPolicy":{"metric":"points"},
             "tiers":[{"id":"a","name":"A","minSpend":0,"minPoints":0},{"id":"b","name":"B","minSpend":0,"minPoints":1000},
                      {"id":"c","name":"C","minSpend":0,"minPoints":1000}]}
            """;

        var errors = ProgramValidator.Validate(ApiExample.Parse(json));

        Assert.Equal(["tiers[2].minPoints"], errors.Keys);
    }

    [Fact]
    public void A_rule_without_multiplier_or_bonus_is_invalid_but_either_alone_is_enough()
    {
        var bonusOnly = ApiExample.Parse("""{"earning":{"rules":[{"id":"a","bonusPoints":5}]}}""");
        var multiplierOnly = ApiExample.Parse("""{"earning":{"rules":[{"id":"a","multiplier":1.5}]}}""");

        Assert.Empty(ProgramValidator.Validate(bonusOnly));
        Assert.Empty(ProgramValidator.Validate(multiplierOnly));
    }

    [Fact]
    public void A_null_list_entry_is_reported_not_thrown()
    {
        var errors = ProgramValidator.Validate(ApiExample.Parse("""{"tiers":[null],"earning":{"rules":[null]}}"""));

        Assert.Equal(["earning.rules[0]", "tiers[0]"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
