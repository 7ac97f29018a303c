using Tango.Domain.Programs;

namespace Tango.Domain.Tiers;

/// <summary>The program's tiers in order, lowest first, with the policy that qualifies members for them.</summary>
public sealed class TierLadder
{
    public TierLadder(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        Tiers = program.Tiers ?? [];
        Metric = program.TierPolicy?.Metric ?? TierMetrics.Spend;
        WindowMonths = program.TierPolicy?.WindowMonths ?? 12;
        GraceMonths = program.TierPolicy?.DowngradeGraceMonths ?? 0;
        Currency = program.Currency;
    }

    public IReadOnlyList<TierDefinition> Tiers { get; }

    public string Metric { get; }

    public int WindowMonths { get; }

    public int GraceMonths { get; }

    public string Currency { get; }

    public bool Any => Tiers.Count > 0;

    /// <summary>A tier's place, lowest first; -1 for none or one the program no longer has.</summary>
    public int Rank(string? id)
    {
        for (var i = 0; id is not null && i < Tiers.Count; i++)
        {
            if (Tiers[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    public TierDefinition? Find(string? id) => Rank(id) is var rank and >= 0 ? Tiers[rank] : null;

    public decimal Threshold(TierDefinition tier) => TierMetrics.Threshold(tier, Metric);

    /// <summary>
    /// The tier a member holds: the stored one, or for a member never placed, the tier everyone starts in
    /// (one with a threshold of 0), as the purchase path decides it.
    /// </summary>
    public TierDefinition? Effective(string? stored) =>
        stored is null ? Tiers.LastOrDefault(t => Threshold(t) <= 0) : Find(stored);

    /// <summary>The highest tier the metric reaches now.</summary>
    public TierDefinition? Qualified(decimal metric) => Tiers.LastOrDefault(t => metric >= Threshold(t));
}
