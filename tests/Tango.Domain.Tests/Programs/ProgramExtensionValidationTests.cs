using Tango.Domain.Programs;

namespace Tango.Domain.Tests.Programs;

public sealed class ProgramExtensionValidationTests
{
    [Theory]
    [InlineData("""{"earning":{"exclude":{"categories":[""]}}}""", "earning.exclude.categories[0]")]
    [InlineData("""{"earning":{"exclude":{"skus":[" "]}}}""", "earning.exclude.skus[0]")]
    [InlineData("""{"earning":{"pendingDays":-1}}""", "earning.pendingDays")]
    [InlineData("""{"earning":{"pendingDays":366}}""", "earning.pendingDays")]
    [InlineData("""{"earning":{"limits":{"perDay":0}}}""", "earning.limits.perDay")]
    [InlineData("""{"earning":{"limits":{"perDay":500,"perMonth":100}}}""", "earning.limits.perDay")]
    [InlineData("""{"earning":{"limits":{}}}""", "earning.limits")]
    [InlineData("""{"earning":{"pendingDays":30},"expiry":{"months":1}}""", "earning.pendingDays")]
    [InlineData("""{"earning":{"rules":[{"id":"a","multiplier":2,"priority":1001}]}}""", "earning.rules[0].priority")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"access","validFrom":"2026-12-31","validTo":"2026-12-01"}]}""", "rewards[0].validTo")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"access","visibleTo":{"segments":["vips"]}}]}""", "rewards[0].visibleTo.segments[0]")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"access","visibleTo":{"tiers":["gold"]}}]}""", "rewards[0].visibleTo.tiers[0]")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"access","visibleTo":{}}]}""", "rewards[0].visibleTo")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"access","earlyAccessDays":3,"visibleTo":{"segments":["loyal"]}}]}""", "rewards[0].earlyAccessDays")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"access","earlyAccessDays":0,"validFrom":"2026-12-01","visibleTo":{"segments":["loyal"]}}]}""", "rewards[0].earlyAccessDays")]
    [InlineData("""{"surprises":{"chancePercent":101,"rewards":[{"id":"s","points":5}]}}""", "surprises.chancePercent")]
    [InlineData("""{"surprises":{"monthlyBudgetPoints":-1,"rewards":[{"id":"s","points":5}]}}""", "surprises.monthlyBudgetPoints")]
    [InlineData("""{"surprises":{"rewards":[]}}""", "surprises.rewards")]
    [InlineData("""{"surprises":{"rewards":[{"id":"s"}]}}""", "surprises.rewards[0].points")]
    [InlineData("""{"surprises":{"rewards":[{"id":"s","rewardId":"nope"}]}}""", "surprises.rewards[0].rewardId")]
    [InlineData("""{"surprises":{"rewards":[{"id":"s","points":5},{"id":"s","points":6}]}}""", "surprises.rewards[1].id")]
    public void Each_broken_new_key_is_reported_at_its_json_path(string json, string path)
    {
        var errors = ProgramValidator.Validate(ApiExample.Parse(json));

        Assert.Equal([path], errors.Keys);
    }

    [Fact]
    public void Overlapping_thresholds_negative_costs_and_unknown_kinds_are_each_named()
    {
        var json = """
            {"tiers":[{"id":"a","name":"A","minSpend":0},{"id":"b","name":"B","minSpend":500},{"id":"c","name":"C","minSpend":400}],
             "tierPolicy":{"metric":"visits"},
             "rewards":[{"id":"r","name":"R","kind":"voucher","costPoints":-5}]}
            """;

        var errors = ProgramValidator.Validate(ApiExample.Parse(json));

        Assert.Equal(["rewards[0].costPoints", "rewards[0].kind", "tierPolicy.metric", "tiers[2].minSpend"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_new_keys_with_sensible_values_are_valid()
    {
        var json = """
            {"earning":{"pointsPerUnit":1,"exclude":{"categories":["gift-cards"],"skus":["deposit"]},"pointsPaidShare":"exclude",
                        "pendingDays":14,"limits":{"perDay":1000,"perMonth":10000},
                        "rules":[{"id":"a","multiplier":2,"priority":10,"stop":true}]},
             "tiers":[{"id":"gold","name":"Gold","minSpend":0}],
             "rewards":[{"id":"r","name":"R","kind":"access","validFrom":"2026-12-01","validTo":"2026-12-31","earlyAccessDays":7,
                         "visibleTo":{"tiers":["gold"],"segments":["champions"]}}],
             "surprises":{"monthlyBudgetPoints":5000,"chancePercent":2.5,"minDaysBetweenPerMember":60,
                          "rewards":[{"id":"tour","rewardId":"r"},{"id":"plus","name":"+1","points":50}]}}
            """;

        Assert.Empty(ProgramValidator.Validate(ApiExample.Parse(json)));
    }
}
