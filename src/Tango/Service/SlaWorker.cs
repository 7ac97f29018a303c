using Tango.Operations;
using Tango.Store.Service;

namespace Tango.Service;

public sealed record ServiceOptions
{
    /// <summary>How often the SLA breach job looks for tickets that have come due.</summary>
    public TimeSpan BreachCheckInterval { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Marks SLA breaches once a minute (see <see cref="SlaWatch"/>). Off when MaintenanceOptions.Scheduled is
/// off: tests call RunOnceAsync when their clock says so.
/// </summary>
public sealed partial class SlaWorker(SlaWatch watch, MaintenanceOptions maintenance, ServiceOptions options, TimeProvider clock,
    ILogger<SlaWorker> logger) : ScheduledWorker(maintenance, clock, logger)
{
    protected override TimeSpan Interval => options.BreachCheckInterval;

    protected override Task RunPassAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var marked = await watch.RunAsync(ct);
        if (marked > 0)
        {
            LogMarked(logger, marked);
        }
        return marked;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "SLA watch: breaches marked on {Tickets} tickets")]
    private static partial void LogMarked(ILogger logger, int tickets);
}
