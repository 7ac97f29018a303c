using Tango.Domain.Analytics.Cohorts;
using Tango.Domain.Analytics.Loyalty;
using Tango.Domain.Analytics.Rfm;

namespace Tango.Domain.Analytics.Insights;

/// <summary>Everything one refresh concludes about a tenant's purchasers, members in input order.</summary>
public sealed record TenantAnalysisResult(
    MemberScores[] Members,
    ModelReport Model,
    RfmGrid Rfm,
    RetentionMatrix MonthlyCohorts,
    RetentionMatrix WeeklyCohorts);

/// <summary>
/// The server's analysis of a tenant as of a day (docs/analytics.md, "In the server"): summaries in days
/// with the calibration period ending on that day, BG/NBD and Gamma-Gamma fitted when there are enough
/// purchasers, then RFM, loyalty stage, habit strength and cohorts.
/// </summary>
public static class TenantAnalysis
{
    /// <param name="advocacy">
    /// Each purchaser's advocacy signals (NPS, qualified referrals, insider), in purchaser order: a promoter, a referrer of a
    /// buyer or an insider can be a fan.
    /// </param>
    public static TenantAnalysisResult Analyze(IReadOnlyList<PurchaseHistory> purchasers, DateOnly asOf, AnalysisOptions options,
        IReadOnlyList<AdvocacySignals>? advocacy = null)
    {
        if (advocacy is not null && advocacy.Count != purchasers.Count)
        {
            throw new ArgumentException("One advocacy entry per purchaser, in the same order.", nameof(advocacy));
        }
        var summaries = Summaries(purchasers, asOf);
        var model = Fit(summaries, options);
        var scores = new MemberScores[purchasers.Count];
        var rfm = RfmScoring.ScoreSummaries(summaries);
        // Scored per distinct (x, T) by CustomerValue: once over the purchase horizon, once over the CLV horizon.
        CustomerScore[]? nearTerm = null, value = null;
        if (model.BgNbd is { } bgnbd)
        {
            nearTerm = CustomerValue.Score(bgnbd, null, summaries, options.ExpectedPurchasesHorizonDays, 0);
            value = model.GammaGamma is { } spend
                ? CustomerValue.Score(bgnbd, spend, summaries, options.ClvHorizonDays, options.DailyDiscountRate)
                : null;
        }
        Parallel.For(0, purchasers.Count, i =>
        {
            var history = purchasers[i];
            double? alive = nearTerm?[i].PAlive, expected = nearTerm?[i].ExpectedPurchases, clv = value?[i].Clv;
            var signals = advocacy?[i] ?? default;
            var facts = new LoyaltyFacts(history.Orders, history.Days[0], history.Days[^1], alive,
                signals.QualifiedReferrals, signals.NpsScore, signals.Insider);
            scores[i] = new MemberScores(summaries[i], rfm[i], alive, expected, clv, LoyaltyStages.Of(facts, asOf), HabitStrength.Of(history.Days));
        });
        var clvReport = value is null ? null : Distribution(value.Select(v => v.Clv).ToArray(), options);
        return new TenantAnalysisResult(scores, model with { Clv = clvReport }, RfmGrid.Of(rfm),
            Cohorts(purchasers, asOf, CohortPeriod.Month), Cohorts(purchasers, asOf, CohortPeriod.Week));
    }

    private static CustomerSummary[] Summaries(IReadOnlyList<PurchaseHistory> purchasers, DateOnly asOf)
    {
        var summaries = new CustomerSummary[purchasers.Count];
        Parallel.For(0, purchasers.Count, i =>
        {
            var history = purchasers[i];
            var transactions = new Transaction[history.Days.Length];
            for (var d = 0; d < transactions.Length; d++)
            {
                transactions[d] = new Transaction(history.Days[d].DayNumber, history.DaySpend[d]);
            }
            // Purchases are never after the day of analysis, so every purchaser has a summary.
            summaries[i] = CustomerSummaries.Summarize(transactions, asOf, asOf, TimeUnit.Days)?.Summary
                ?? throw new ArgumentException($"Purchaser {i} has no purchase on or before {asOf:yyyy-MM-dd}.", nameof(purchasers));
        });
        return summaries;
    }

    private static ModelReport Fit(CustomerSummary[] summaries, AnalysisOptions options)
    {
        var repeaters = summaries.Count(s => s.Frequency > 0);
        ModelReport None(string reason) => new(false, reason, summaries.Length, repeaters, null, null, null, null, null);
        if (summaries.Length < options.MinPurchasersToFit)
        {
            return None($"{summaries.Length} purchasers; the models need at least {options.MinPurchasersToFit}.");
        }
        if (repeaters < options.MinRepeatCustomersToFit)
        {
            return None($"{repeaters} customers with repeat purchases; the models need at least {options.MinRepeatCustomersToFit}.");
        }
        var bgnbd = BgNbdFitter.Fit(summaries);
        if (!bgnbd.Converged)
        {
            return None("BG/NBD did not converge: " + bgnbd.Reason);
        }
        var gammaGamma = GammaGammaFitter.Fit(summaries);
        return gammaGamma.Converged
            ? new ModelReport(true, "fitted", summaries.Length, repeaters, bgnbd.Model, bgnbd.LogLikelihood, gammaGamma.Model, gammaGamma.LogLikelihood, null)
            : new ModelReport(true, "BG/NBD fitted; Gamma-Gamma did not converge, so no CLV: " + gammaGamma.Reason,
                summaries.Length, repeaters, bgnbd.Model, bgnbd.LogLikelihood, null, null, null);
    }

    private static ClvDistribution Distribution(double[] clvs, AnalysisOptions options)
    {
        var sorted = clvs.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
        var total = sorted.Sum();
        return new ClvDistribution(options.ClvHorizonDays, options.AnnualDiscountRate, total, sorted.Length == 0 ? 0 : total / sorted.Length,
            At(0.10), At(0.25), At(0.50), At(0.75), At(0.90), At(0.99));
    }

    private static RetentionMatrix Cohorts(IReadOnlyList<PurchaseHistory> purchasers, DateOnly asOf, CohortPeriod period) =>
        Retention.Build(purchasers.SelectMany((history, i) => history.Days.Select(day => (i, day))), period, asOf);
}
