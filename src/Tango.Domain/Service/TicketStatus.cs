namespace Tango.Domain.Service;

/// <summary>Where a support ticket is: open → pending → resolved → closed (see <see cref="TicketTransitions"/>).</summary>
public enum TicketStatus
{
    Open,
    Pending,
    Resolved,
    Closed,
}
