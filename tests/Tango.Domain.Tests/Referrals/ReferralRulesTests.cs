using Tango.Domain.Programs;
using Tango.Domain.Referrals;

namespace Tango.Domain.Tests.Referrals;

public sealed class ReferralRulesTests
{
    private static readonly ReferralTerms Terms = new() { ReferrerPoints = 500, FriendPoints = 200, MinFirstPurchase = 20, MaxRewardsPerMonth = 2 };

    [Fact]
    public void Codes_are_eight_unambiguous_characters_and_typed_codes_are_normalised()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => ReferralCodes.Generate()).ToList();

        Assert.All(codes, c => Assert.True(ReferralCodes.IsWellFormed(c), c));
        Assert.True(codes.Distinct().Count() > 990);
        Assert.Equal("K7QM2XPD", ReferralCodes.Normalize(" k7qm-2xpd "));
        Assert.False(ReferralCodes.IsWellFormed("K7QM2XP0"));
    }

    [Fact]
    public void The_link_follows_the_program_template_or_points_into_the_portal()
    {
        Assert.Equal("https://shop.example/join?ref=K7QM2XPD", ReferralCodes.Link("https://shop.example/join?ref={code}", "http://x", "K7QM2XPD"));
        Assert.Equal("https://loyalty.example/portal/join?ref=K7QM2XPD", ReferralCodes.Link(null, "https://loyalty.example/", "K7QM2XPD"));
    }

    [Theory]
    [InlineData("Ann@Example.com ", null, "ann@example.com", null, "email")]
    [InlineData(null, "+44 (0)20 7946 0000", null, "44020-7946-0000", "phone")]
    [InlineData("ann@example.com", "+44 20 7946 0000", "bob@example.com", "+44 20 7946 0001", null)]
    [InlineData(null, "12", null, "12", null)]
    public void Self_referral_is_the_same_email_or_phone(string? email1, string? phone1, string? email2, string? phone2, string? shared)
    {
        var reason = ReferralGuards.SelfReferral(ReferralParty.Of(email1, phone1), ReferralParty.Of(email2, phone2));

        if (shared is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(shared, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Self_referral_is_the_same_payment_card_when_one_is_given()
    {
        var card = ReferralGuards.HashFingerprint("t", "fp_123");
        var referrer = new ReferralParty("a@example.com", null, [card]);

        Assert.NotNull(ReferralGuards.SelfReferral(referrer, new ReferralParty("b@example.com", null, [card])));
        Assert.Null(ReferralGuards.SelfReferral(referrer, new ReferralParty("b@example.com", null, [ReferralGuards.HashFingerprint("t", "fp_999")])));
        Assert.NotEqual(card, ReferralGuards.HashFingerprint("other-tenant", "fp_123"));
    }

    [Fact]
    public void A_first_purchase_below_the_minimum_waits_and_one_above_pays_both_sides()
    {
        var small = ReferralDecision.Decide(Terms, 19.99m, 0, null);
        var enough = ReferralDecision.Decide(Terms, 20m, 0, null);
        var imported = ReferralDecision.Decide(Terms, 50m, 0, null, before: true);

        Assert.Equal(ReferralVerdict.Wait, small.Verdict);
        Assert.Equal(ReferralVerdict.Wait, imported.Verdict);
        Assert.Equal(ReferralVerdict.Qualify, enough.Verdict);
        Assert.Equal((500, 200), (enough.ReferrerPoints, enough.FriendPoints));
    }

    [Fact]
    public void Self_referral_and_the_monthly_cap_are_refused_with_their_reasons()
    {
        var self = ReferralDecision.Decide(Terms, 50m, 0, "the friend has the referrer's email address");
        var capped = ReferralDecision.Decide(Terms, 50m, 2, null);
        var uncapped = ReferralDecision.Decide(Terms with { MaxRewardsPerMonth = null }, 50m, 1000, null);

        Assert.Equal((ReferralVerdict.Refuse, RefusalReasons.SelfReferral), (self.Verdict, self.Reason));
        Assert.Equal((ReferralVerdict.Refuse, RefusalReasons.MonthlyCap), (capped.Verdict, capped.Reason));
        Assert.Equal(ReferralVerdict.Qualify, uncapped.Verdict);
    }

    [Fact]
    public void The_month_is_the_calendar_month_in_the_program_time_zone()
    {
        var (start, end) = ReferralDecision.MonthOf(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), start); // 1 December, Berlin
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void A_refund_in_the_window_that_leaves_less_than_the_minimum_reverses()
    {
        var bought = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(ReferralDecision.Reverses(bought, bought.AddDays(30), 30, 0, 2000));
        Assert.False(ReferralDecision.Reverses(bought, bought.AddDays(31), 30, 0, 2000));
        Assert.False(ReferralDecision.Reverses(bought, bought.AddDays(1), 30, 2000, 2000));
        Assert.True(ReferralDecision.Reverses(bought, bought.AddDays(1), 30, 0, 0));
    }

    [Theory]
    [InlineData("""{"referral":{"refundWindowDays":0}}""", "referral.refundWindowDays")]
    [InlineData("""{"referral":{"link":"shop.example/{code}"}}""", "referral.link")]
    [InlineData("""{"referral":{"link":"https://shop.example/join"}}""", "referral.link")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":1,"kind":"marathon"}]}""", "challenges[0].kind")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":1,"repeat":"twice"}]}""", "challenges[0].repeat")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"refund","windowDays":1}]}""", "challenges[0].event")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","kind":"streak","periods":4}]}""", "challenges[0].periodDays")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","kind":"streak","periodDays":7}]}""", "challenges[0].periods")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","kind":"streak","periodDays":7,"periods":4,"windowDays":30}]}""", "challenges[0].windowDays")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":7,"periods":4}]}""", "challenges[0].periods")]
    [InlineData("""{"challenges":[{"id":"c","name":"C","event":"purchase","windowDays":7,"reward":{"badge":""}}]}""", "challenges[0].reward.badge")]
    public void New_referral_and_challenge_fields_are_checked_and_named(string json, string path)
    {
        var errors = ProgramValidator.Validate(Programs.ApiExample.Parse(json));

        Assert.Equal([path], errors.Keys);
    }

    [Fact]
    public void Streaks_and_repeats_are_valid_program_challenges()
    {
        var program = Programs.ApiExample.Parse("""
            {"referral":{"referrerPoints":500,"friendPoints":200,"minFirstPurchase":20,"refundWindowDays":14,"link":"https://shop.example/r/{code}"},
             "challenges":[{"id":"weekly","name":"Weekly","event":"purchase","kind":"streak","periodDays":7,"periods":4,"repeat":"always","reward":{"badge":"regular"}},
                           {"id":"reviews","name":"Reviews","event":"custom.review","count":2,"windowDays":30,"reward":{"points":50}}]}
            """);

        Assert.Empty(ProgramValidator.Validate(program));
    }
}
