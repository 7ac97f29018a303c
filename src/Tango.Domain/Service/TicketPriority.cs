namespace Tango.Domain.Service;

/// <summary>How urgent a ticket is; each priority has its own SLA targets.</summary>
public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}
