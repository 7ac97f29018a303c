namespace Tango.Domain.Service;

/// <summary>Where the customer raised the ticket.</summary>
public enum TicketChannel
{
    Email,
    Phone,
    Chat,
    Store,
    Web,
    Other,
}
