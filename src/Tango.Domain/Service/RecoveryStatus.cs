namespace Tango.Domain.Service;

/// <summary>A service-recovery case is a staff task: open until someone has dealt with it.</summary>
public enum RecoveryStatus
{
    Open,
    Closed,
}
