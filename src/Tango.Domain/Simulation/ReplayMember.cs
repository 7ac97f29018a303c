namespace Tango.Domain.Simulation;

/// <summary>
/// One order as the replay keeps it: its figures so far and what is left of the lot its points went into.
/// A struct in one array per replay: a million orders are a million array slots, not a million objects for the
/// garbage collector to trace.
/// </summary>
internal struct ReplayOrder
{
    public int Member;

    /// <summary>Its place among the member's orders.</summary>
    public int Position;
    public long AtTicks;
    public long TotalMinor;
    public long Earned;
    public long RefundedMinor;
    public long Clawed;
    public bool HasLot;
    public long LotRemaining;

    /// <summary>UTC ticks; <see cref="long.MaxValue"/> for a lot that never expires.</summary>
    public long LotExpiresTicks;
}

/// <summary>
/// A member in the replay: balance, tier, the indices of their orders oldest first with running sums over the
/// tier window [<see cref="WindowStart"/>, end), and of the orders holding lots (which also expire in that order).
/// </summary>
internal sealed class ReplayMember(string id)
{
    public string Id { get; } = id;
    public string? Tier { get; set; }
    public long Balance { get; set; }
    public List<int> Orders { get; } = [];
    public int WindowStart { get; set; }
    public long WindowSpendMinor { get; set; }
    public long WindowPoints { get; set; }
    public long WindowCount { get; set; }
    public List<int> Lots { get; } = [];
    public int FirstLiveLot { get; set; }

    private Dictionary<string, List<Challenges.CompletedSpan>>? _completed;

    /// <summary>The spans of a challenge's occurrences the member completed (the list is the member's, to add to).</summary>
    public List<Challenges.CompletedSpan> CompletedSpans(string challengeId)
    {
        _completed ??= new Dictionary<string, List<Challenges.CompletedSpan>>(StringComparer.Ordinal);
        if (!_completed.TryGetValue(challengeId, out var spans))
        {
            _completed[challengeId] = spans = [];
        }
        return spans;
    }

    /// <summary>Until when the last review found the member keeps their tier (its grace); null: not known.</summary>
    public DateTimeOffset? KeptUntil { get; set; }

    /// <summary>Moves the window's start past orders at or before <paramref name="sinceTicks"/>.</summary>
    public void SlideWindow(ReplayOrder[] orders, long sinceTicks)
    {
        while (WindowStart < Orders.Count && orders[Orders[WindowStart]].AtTicks <= sinceTicks)
        {
            ref var order = ref orders[Orders[WindowStart++]];
            WindowSpendMinor -= order.TotalMinor - order.RefundedMinor;
            WindowPoints -= order.Earned - order.Clawed;
            WindowCount--;
        }
    }

    public void AddToWindow(int index, ref ReplayOrder order)
    {
        order.Position = Orders.Count;
        Orders.Add(index);
        WindowSpendMinor += order.TotalMinor;
        WindowPoints += order.Earned;
        WindowCount++;
    }

    /// <summary>Whether the order is still in the window.</summary>
    public bool InWindow(in ReplayOrder order) => order.Position >= WindowStart;
}
