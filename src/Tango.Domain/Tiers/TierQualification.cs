using Tango.Domain.Programs;

namespace Tango.Domain.Tiers;

public static class TierQualification
{
    /// <summary>
    /// The highest tier, in list order, whose threshold for the program's tier metric is met;
    /// null when the program has no tiers or none is reached.
    /// </summary>
    public static TierDefinition? For(ProgramDocument program, decimal spend, long points, int purchases)
    {
        ArgumentNullException.ThrowIfNull(program);
        var metric = program.TierPolicy?.Metric ?? TierMetrics.Spend;
        TierDefinition? reached = null;
        foreach (var tier in program.Tiers ?? [])
        {
            var current = metric switch
            {
                TierMetrics.Points => points,
                TierMetrics.Purchases => purchases,
                _ => spend,
            };
            if (current >= TierMetrics.Threshold(tier, metric))
            {
                reached = tier;
            }
        }

        return reached;
    }
}
