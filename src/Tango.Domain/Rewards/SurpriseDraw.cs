using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tango.Domain.Programs;

namespace Tango.Domain.Rewards;

/// <summary>
/// The two random numbers a draw uses, in [0, 1): whether to surprise, and which surprise. Derived from the
/// occasion, so drawing the same occasion again decides the same (a retried purchase never re-rolls).
/// </summary>
public readonly record struct SurpriseRolls(double Chance, double Pick)
{
    public static SurpriseRolls For(string tenantId, string memberId, string occasion)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{memberId}\n{occasion}"));
        return new SurpriseRolls(Unit(hash.AsSpan(0, 8)), Unit(hash.AsSpan(8, 8)));
    }

    // 53 random bits make every double in [0, 1) on the grid 2^-53 equally likely.
    private static double Unit(ReadOnlySpan<byte> bytes) =>
        (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
}

/// <summary>What one member has had of surprises: the last one and when, and what the tenant spent this month.</summary>
public sealed record SurpriseHistory(string? LastSurpriseId, DateTimeOffset? LastGrantedAt, long SpentThisMonth);

/// <summary>A surprise as the draw weighs it: what it costs in points and whether it can be carried off.</summary>
public sealed record SurpriseOption(SurpriseReward Surprise, long Cost, bool Portable, RewardDefinition? Reward);

/// <summary>The draw's outcome: the surprise granted (null: none) and why.</summary>
public sealed record SurpriseDecision(SurpriseOption? Granted, string Reason);

/// <summary>
/// Surprises that stay surprises: a chance per qualifying event, at most one per member per period, never the
/// same one twice in a row to a member, within the tenant's monthly budget, and rewards that cannot be carried
/// off (experiences, access) before portable ones (discounts, points).
/// </summary>
public static class SurpriseDraw
{
    /// <summary>Whether the occasion's roll falls within the program's chance: the draw's first test, also usable alone.</summary>
    public static bool WinsChance(SurprisePolicy policy, SurpriseRolls rolls)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return rolls.Chance < (double)(policy.ChancePercent / 100m);
    }

    /// <param name="inStock">Whether a catalog reward has a unit left; null: all have.</param>
    public static SurpriseDecision Decide(ProgramDocument program, SurpriseHistory history, DateTimeOffset now, SurpriseRolls rolls,
        Func<RewardDefinition, bool>? inStock = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(history);
        if (program.Surprises is not { Rewards.Count: > 0 } policy)
        {
            return new SurpriseDecision(null, "the program has no surprises");
        }
        if (history.LastGrantedAt is { } last && last.AddDays(policy.MinDaysBetweenPerMember) > now)
        {
            return new SurpriseDecision(null,
                $"the member's last surprise was on {Date(last)}; the next may come from {Date(last.AddDays(policy.MinDaysBetweenPerMember))}");
        }
        if (!WinsChance(policy, rolls))
        {
            return new SurpriseDecision(null, $"not drawn ({policy.ChancePercent.ToString(CultureInfo.InvariantCulture)}% chance)");
        }
        var left = policy.MonthlyBudgetPoints - history.SpentThisMonth;
        var options = Options(program)
            .Where(o => o.Surprise.Id != history.LastSurpriseId && o.Cost <= left && (o.Reward is null || inStock?.Invoke(o.Reward) != false))
            .ToList();
        if (options.Count == 0)
        {
            return new SurpriseDecision(null, Options(program).All(o => o.Surprise.Id == history.LastSurpriseId)
                ? "the only surprise would repeat the member's last one"
                : $"nothing fits what is left of this month's budget ({left} points) and in stock");
        }
        // Experiences and access are remembered; discounts and points are expected again next time.
        var preferred = options.Where(o => !o.Portable).ToList() is { Count: > 0 } lived ? lived : options;
        var pick = preferred[Math.Min(preferred.Count - 1, (int)(rolls.Pick * preferred.Count))];
        return new SurpriseDecision(pick, $"surprise {pick.Surprise.Id} drawn ({policy.ChancePercent.ToString(CultureInfo.InvariantCulture)}% chance)");
    }

    /// <summary>Every configured surprise with its cost: its points, or the catalog reward's cost in points.</summary>
    public static IReadOnlyList<SurpriseOption> Options(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var options = new List<SurpriseOption>();
        foreach (var surprise in program.Surprises?.Rewards ?? [])
        {
            if (surprise.RewardId is { } rewardId)
            {
                if (program.Rewards?.FirstOrDefault(r => r.Id == rewardId) is { } reward)
                {
                    options.Add(new SurpriseOption(surprise, reward.CostPoints, reward.Portable, reward));
                }
            }
            else
            {
                // Points are spent like money, so they count as portable.
                options.Add(new SurpriseOption(surprise, surprise.Points ?? 0, true, null));
            }
        }
        return options;
    }

    /// <summary>The calendar month (UTC) the budget is counted in.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) MonthOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
