using Tango.Domain.Analytics.Insights;
using Tango.Domain.Analytics.Loyalty;

namespace Tango.Domain.Tests.Service;

/// <summary>The server's analysis takes each purchaser's latest NPS answer, qualified referrals and insider tests into the loyalty stage.</summary>
public sealed class PromoterStageTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    private static PurchaseHistory Regular() =>
        new([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20)], [30, 30, 30], 3, 90);

    [Fact]
    public void A_long_term_purchaser_whose_latest_nps_is_a_promoter_answer_is_a_fan()
    {
        var result = TenantAnalysis.Analyze([Regular(), Regular(), Regular()], AsOf, new AnalysisOptions(),
            [AdvocacySignals.FromNps(10), AdvocacySignals.FromNps(8), default]);

        Assert.Equal([LoyaltyStage.Fan, LoyaltyStage.LongTerm, LoyaltyStage.LongTerm], result.Members.Select(m => m.Stage));
    }

    [Fact]
    public void A_long_term_purchaser_who_brought_a_buying_friend_or_joined_an_insider_test_is_a_fan()
    {
        var result = TenantAnalysis.Analyze([Regular(), Regular(), Regular()], AsOf, new AnalysisOptions(),
            [new AdvocacySignals(QualifiedReferrals: 1), new AdvocacySignals(Insider: true), new AdvocacySignals(NpsScore: 6)]);

        Assert.Equal([LoyaltyStage.Fan, LoyaltyStage.Fan, LoyaltyStage.LongTerm], result.Members.Select(m => m.Stage));
    }

    [Fact]
    public void Advocacy_entries_must_line_up_with_the_purchasers()
    {
        Assert.Throws<ArgumentException>(() => TenantAnalysis.Analyze([Regular()], AsOf, new AnalysisOptions(),
            [AdvocacySignals.FromNps(10), AdvocacySignals.FromNps(9)]));
    }
}
