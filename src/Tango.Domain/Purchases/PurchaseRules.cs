using Tango.Domain.Challenges;
using Tango.Domain.Programs;
using Tango.Domain.Tiers;

namespace Tango.Domain.Purchases;

/// <summary>
/// A program made ready for deciding purchases: its tier ladder, the tier everyone starts in, its challenges on
/// purchases and its zone, worked out once per program version rather than once per purchase.
/// </summary>
public sealed class PurchaseRules
{
    public PurchaseRules(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        Program = program;
        Ladder = new TierLadder(program);
        StartTier = TierQualification.For(program, 0, 0, 0)?.Id;
        Challenges = ChallengeRule.For(program, "purchase");
        Zone = program.Earning.Limits is null ? null : Ledger.EarningCaps.Zone(program);
        History = HistoryPolicy.Of(program);
    }

    /// <summary>When an event is history (<see cref="HistoryPolicy"/>).</summary>
    public HistoryPolicy History { get; }

    /// <summary>
    /// The instant a purchase's tier window is judged at: its own, or, for history, when it was received, so that old
    /// orders move a member only as far as today's window qualifies them.
    /// </summary>
    public DateTimeOffset TierAt(DateTimeOffset at, DateTimeOffset? receivedAt) =>
        receivedAt is { } received && History.IsHistory(at, received) ? received : at;

    public ProgramDocument Program { get; }

    public TierLadder Ladder { get; }

    /// <summary>The tier of a member never placed: the one with a threshold of 0, if any.</summary>
    public string? StartTier { get; }

    public IReadOnlyList<ChallengeRule> Challenges { get; }

    /// <summary>The program's zone when it limits earning per local day and month; null when it does not.</summary>
    public TimeZoneInfo? Zone { get; }

    /// <summary>The instants whose orders can matter to a purchase at <paramref name="at"/>: [From, To].</summary>
    public (DateTimeOffset From, DateTimeOffset To) Horizon(DateTimeOffset at, DateTimeOffset? receivedAt = null)
    {
        var (from, to) = (at, at);
        if (Ladder.Any)
        {
            var tierAt = TierAt(at, receivedAt);
            (from, to) = (Min(from, TierWindow.Since(tierAt, Ladder.WindowMonths)), Max(to, tierAt));
        }
        if (Zone is not null)
        {
            var periods = Ledger.EarningCaps.Periods(Zone, at);
            (from, to) = (Min(from, periods.MonthStart), Max(to, periods.MonthEnd));
        }
        var challenges = ChallengeHorizon(at);
        return (Min(from, challenges.From), Max(to, challenges.To));
    }

    /// <summary>The orders around a purchase that any challenge on purchases can count.</summary>
    public (DateTimeOffset From, DateTimeOffset To) ChallengeHorizon(DateTimeOffset at)
    {
        var (from, to) = (at, at);
        foreach (var rule in Challenges)
        {
            var (f, t) = rule.Horizon(at);
            (from, to) = (Min(from, f), Max(to, t));
        }
        return (from, to);
    }

    /// <summary>True when the decision looks at the member's orders at all (tiers, limits or challenges).</summary>
    public bool ReadsOrders => Ladder.Any || Zone is not null || Challenges.Count > 0;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
