using Tango.Domain.Programs;

namespace Tango.Domain.Service;

/// <summary>How long after a ticket is opened the first response and the resolution are due.</summary>
public readonly record struct SlaTarget(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>
/// SLA targets per priority, counted in elapsed time (around the clock: there is no business-hours
/// calendar yet). The program document's <c>service.sla</c> overrides the defaults target by target.
/// </summary>
public sealed class SlaTargets
{
    private readonly SlaTarget[] _byPriority;

    private SlaTargets(SlaTarget[] byPriority) => _byPriority = byPriority;

    public static SlaTargets Default { get; } = new(
    [
        new(TimeSpan.FromDays(1), TimeSpan.FromDays(5)),     // low
        new(TimeSpan.FromHours(8), TimeSpan.FromDays(2)),    // normal
        new(TimeSpan.FromHours(2), TimeSpan.FromDays(1)),    // high
        new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), // urgent
    ]);

    public SlaTarget For(TicketPriority priority) => _byPriority[(int)priority];

    /// <summary>The defaults with the program's overrides; a document that passed validation always parses.</summary>
    public static SlaTargets Of(SlaPolicy? policy)
    {
        if (policy is null)
        {
            return Default;
        }
        var targets = (SlaTarget[])Default._byPriority.Clone();
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            targets[(int)priority] = Merge(targets[(int)priority], Override(policy, priority));
        }
        return new SlaTargets(targets);
    }

    public static SlaTargetPolicy? Override(SlaPolicy policy, TicketPriority priority) => priority switch
    {
        TicketPriority.Low => policy.Low,
        TicketPriority.Normal => policy.Normal,
        TicketPriority.High => policy.High,
        _ => policy.Urgent,
    };

    public static SlaTarget Merge(SlaTarget target, SlaTargetPolicy? change) => new(
        IsoDuration.TryParse(change?.FirstResponse, out var first) ? first : target.FirstResponse,
        IsoDuration.TryParse(change?.Resolution, out var resolution) ? resolution : target.Resolution);
}
