using System.Globalization;
using Tango.Domain.Programs;
using Tango.Rewards;
using Tango.Store.Rewards;
using Tango.Web.Shared;

namespace Tango.Web.Admin;

/// <summary>One surprise's line on the page: what it is called, what it gives, how often it was granted, what it cost.</summary>
public sealed record SurpriseLine(string Id, string Name, string Gives, long Granted, long CostPoints, double? ShareOfCost);

/// <summary>One calendar month of the period against its budget.</summary>
public sealed record SurpriseMonthLine(DateOnly Month, long Granted, long CostPoints, long BudgetPoints)
{
    public double? Used => BudgetPoints > 0 ? (double)CostPoints / BudgetPoints : null;
}

/// <summary>
/// The surprise report shaped for the dashboard: surprises named as the program names them, every month of the
/// period listed (a month without a surprise shows as zero) and the period's budget, a monthly budget per month.
/// </summary>
public sealed class SurpriseSheet(SurpriseReport report, SurpriseReportPeriod period, ProgramDocument program)
{
    // Beyond three years a zero row per month says nothing; only the months with surprises are listed.
    private const int MaxFilledMonths = 36;

    public SurpriseReport Report => report;

    public bool Configured => program.Surprises is { Rewards.Count: > 0 };

    public long PeriodBudgetPoints => report.MonthlyBudgetPoints * period.MonthCount;

    public double? BudgetUsed => PeriodBudgetPoints > 0 ? (double)report.CostPoints / PeriodBudgetPoints : null;

    public double? GrantedShare => report.Draws > 0 ? (double)report.Granted / report.Draws : null;

    public double? BoughtShare => report.After.MembersSurprised > 0 ? (double)report.After.MembersWhoBought / report.After.MembersSurprised : null;

    public decimal? SpendPerSurprised => report.After.MembersSurprised > 0 ? report.After.Spend / report.After.MembersSurprised : null;

    public double? PointsPerReturner => report.After.MembersWhoBought > 0 ? (double)report.CostPoints / report.After.MembersWhoBought : null;

    public IReadOnlyList<SurpriseMonthLine> Months()
    {
        var reported = report.Months.ToDictionary(m => m.Month, StringComparer.Ordinal);
        var months = period.MonthCount <= MaxFilledMonths
            ? period.Months()
            : report.Months.Select(m => DateOnly.ParseExact(m.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return [.. months.Select(month => reported.TryGetValue(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), out var m)
            ? new SurpriseMonthLine(month, m.Granted, m.CostPoints, report.MonthlyBudgetPoints)
            : new SurpriseMonthLine(month, 0, 0, report.MonthlyBudgetPoints))];
    }

    public IReadOnlyList<SurpriseLine> Lines() =>
        [.. report.BySurprise.OrderByDescending(t => t.CostPoints).ThenBy(t => t.SurpriseId, StringComparer.Ordinal).Select(t =>
        {
            var (name, gives) = Describe(t.SurpriseId);
            return new SurpriseLine(t.SurpriseId, name, gives, t.Granted, t.CostPoints,
                report.CostPoints > 0 ? (double)t.CostPoints / report.CostPoints : null);
        })];

    /// <summary>The surprise's name and what it gives, from the current program; one removed since shows by its id.</summary>
    private (string Name, string Gives) Describe(string id)
    {
        if (program.Surprises?.Rewards?.FirstOrDefault(s => s.Id == id) is not { } surprise)
        {
            return (id, "no longer in the program");
        }
        if (surprise.RewardId is { } rewardId)
        {
            var reward = program.Rewards?.FirstOrDefault(r => r.Id == rewardId);
            var rewardName = reward?.Name is { Length: > 0 } n ? n : rewardId;
            return (surprise.Name ?? rewardName, $"{rewardName} for free, worth {Fmt.Int(reward?.CostPoints)} points");
        }
        return (surprise.Name ?? id, $"{Fmt.Int(surprise.Points ?? 0)} points");
    }
}
