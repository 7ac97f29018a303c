using System.Text.Json;
using Tango.Domain.Programs;

namespace Tango.Domain.Tests.Programs;

public sealed class ProgramJsonTests
{
    [Fact]
    public void Api_example_parses_with_every_key_meaning_what_it_says()
    {
        var program = ApiExample.Program;

        Assert.Equal("EUR", program.Currency);
        Assert.Equal(1m, program.Earning.PointsPerUnit);
        Assert.Equal(Rounding.Down, program.Earning.Rounding);
        var rules = program.Earning.Rules!;
        Assert.Equal(["coffee-mondays", "big-basket", "app-launch"], rules.Select(r => r.Id));
        Assert.Equal(["coffee"], rules[0].When!.Categories!);
        Assert.Equal(["mon"], rules[0].When!.DaysOfWeek!);
        Assert.Equal(2m, rules[0].Multiplier);
        Assert.Equal(100m, rules[1].When!.MinTotal);
        Assert.Equal(50, rules[1].BonusPoints);
        Assert.Equal(1000, rules[1].MaxPointsPerOrder);
        Assert.Equal(["app"], rules[2].When!.Channels!);
        Assert.Equal(new DateOnly(2026, 12, 1), rules[2].When!.From);
        Assert.Equal(new DateOnly(2026, 12, 31), rules[2].When!.To);
        Assert.Equal(12, program.Expiry!.Months);
        Assert.Equal(2m, program.Cashback!.Percent);
        Assert.Equal(1.25m, program.Tiers![1].Multiplier);
        Assert.Equal(1500m, program.Tiers[2].MinSpend);
        Assert.Equal(new TierPolicy { Metric = "spend", WindowMonths = 12, DowngradeGraceMonths = 3 }, program.TierPolicy);
        Assert.Equal(new ReferralTerms { ReferrerPoints = 500, FriendPoints = 200, MinFirstPurchase = 20, MaxRewardsPerMonth = 10 }, program.Referral);
        Assert.True(program.Rewards![0].Portable);
        Assert.Equal(["gold"], program.Rewards[1].Tiers!);
        Assert.Equal(20, program.Rewards[1].Stock);
        Assert.Equal(new ChallengeReward { Points = 100, Badge = "regular" }, program.Challenges![0].Reward);
    }

    [Fact]
    public void Api_example_is_valid()
    {
        Assert.Empty(ProgramValidator.Validate(ApiExample.Program));
    }

    [Fact]
    public void Default_is_the_documented_starting_document()
    {
        var json = JsonSerializer.Serialize(ProgramDocument.Default, ProgramJson.Options);

        Assert.Equal("""{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"}}""", json);
        Assert.Equal(ProgramDocument.Default, ApiExample.Parse(json));
        Assert.Empty(ProgramValidator.Validate(ProgramDocument.Default));
    }

    [Fact]
    public void Optional_keys_parse_and_enums_are_lower_case()
    {
        var program = ApiExample.Parse("""
            {"currency":"JPY","timeZone":"Europe/Berlin","autoEnrol":false,"earning":{"pointsPerUnit":0.5,"rounding":"nearest"},
             "tiers":[{"id":"a","name":"A","minSpend":0,"minPoints":10,"minPurchases":2}],
             "rewards":[{"id":"r","name":"R","kind":"coupon","costPoints":1,"discountAmount":5,"discountPercent":10}]}
            """);

        Assert.Equal("Europe/Berlin", program.TimeZone);
        Assert.False(program.AutoEnrol);
        Assert.Equal(Rounding.Nearest, program.Earning.Rounding);
        Assert.Equal(10m, program.Tiers![0].MinPoints);
        Assert.Equal(2, program.Tiers[0].MinPurchases);
        Assert.Equal(10m, program.Rewards![0].DiscountPercent);
        Assert.Contains("\"rounding\":\"nearest\"", JsonSerializer.Serialize(program, ProgramJson.Options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"currency":"EUR","bogus":1}""")]
    [InlineData("""{"earning":{"pointsPerUnit":1,"roundng":"down"}}""")]
    [InlineData("""{"earning":{"rules":[{"id":"r","multiplier":2,"stack":true}]}}""")]
    [InlineData("""{"earning":{"rules":[{"id":"r","multiplier":2,"when":{"category":["coffee"]}}]}}""")]
    [InlineData("""{"expiry":{"months":12,"days":3}}""")]
    [InlineData("""{"cashback":{"percent":2,"cap":5}}""")]
    [InlineData("""{"tiers":[{"id":"a","name":"A","minSpend":0,"color":"red"}]}""")]
    [InlineData("""{"tierPolicy":{"metric":"spend","window":12}}""")]
    [InlineData("""{"referral":{"referrerPoints":1,"bonus":2}}""")]
    [InlineData("""{"rewards":[{"id":"r","name":"R","kind":"coupon","costPoints":1,"price":3}]}""")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":1,"reward":{"points":1,"coins":2}}]}""")]
    [InlineData("""{"Currency":"EUR"}""")]
    public void Unknown_field_anywhere_is_rejected(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ApiExample.Parse(json));
    }

    [Theory]
    [InlineData("""{"earning":{"pointsPerUnit":"1"}}""")]
    [InlineData("""{"earning":{"rounding":1}}""")]
    [InlineData("""{"earning":{"rounding":"sideways"}}""")]
    [InlineData("""{"currency":null}""")]
    [InlineData("""{"currency":"EUR","currency":"USD"}""")]
    [InlineData("""{"earning":{"rules":[{"id":"r","when":{"from":"01/12/2026"}}]}}""")]
    public void Loose_json_is_rejected(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ApiExample.Parse(json));
    }

    [Fact]
    public void Options_cannot_be_changed_by_one_caller_for_all()
    {
        Assert.True(ProgramJson.Options.IsReadOnly);
    }
}
