namespace Tango.Domain.Service;

/// <summary>
/// The status changes a ticket may make. Pending (waiting on the customer) and open go back and forth; a
/// resolved ticket may be reopened or closed; closed is final. Closing needs a resolution first, so every
/// closed ticket says when it was resolved.
/// </summary>
public static class TicketTransitions
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> s_allowed = new()
    {
        [TicketStatus.Open] = [TicketStatus.Pending, TicketStatus.Resolved],
        [TicketStatus.Pending] = [TicketStatus.Open, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Open, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    /// <summary>Staying in the same status is allowed: a repeated PATCH changes nothing.</summary>
    public static bool IsAllowed(TicketStatus from, TicketStatus to) => from == to || s_allowed[from].Contains(to);

    public static IReadOnlyList<TicketStatus> From(TicketStatus status) => s_allowed[status];

    /// <summary>Open and pending tickets still need work; they count as the member's open tickets.</summary>
    public static bool IsActive(TicketStatus status) => status is TicketStatus.Open or TicketStatus.Pending;
}
