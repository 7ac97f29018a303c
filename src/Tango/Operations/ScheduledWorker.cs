namespace Tango.Operations;

/// <summary>
/// A background job that runs a pass, waits its interval, and runs again; a failed pass is logged and the next
/// one still comes. Off when MaintenanceOptions.Scheduled is off: tests call the job's RunOnceAsync when their
/// clock says so.
/// </summary>
public abstract partial class ScheduledWorker(MaintenanceOptions maintenance, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected MaintenanceOptions Maintenance { get; } = maintenance;

    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken ct);

    /// <summary>The pause between passes; a job may end it early.</summary>
    protected virtual Task PauseAsync(CancellationToken ct) => Task.Delay(Interval, Clock, ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (Maintenance.Scheduled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, ex);
            }
            await PauseAsync(stoppingToken);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "{Job} pass failed")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
