using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;

namespace Tango.Operations;

public sealed record MaintenanceOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every tenant's analytics are recomputed.</summary>
    public TimeSpan AnalyticsInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Off: nothing runs on a schedule (tests call RunOnceAsync when their clock says so).</summary>
    public bool Scheduled { get; init; } = true;
}

/// <summary>
/// Background chores: expire points past their date and forget idempotency keys older than 48 hours.
/// Safe on many nodes: expiry locks the lots it works on, and deleting old keys twice is harmless.
/// </summary>
public sealed partial class MaintenanceWorker(PointsExpiry expiry, WriteQueue writes, TimeProvider clock,
    MaintenanceOptions options, ILogger<MaintenanceWorker> logger) : ScheduledWorker(options, clock, logger)
{
    protected override TimeSpan Interval => Maintenance.Interval;

    protected override Task RunPassAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var lots = await expiry.RunAsync(ct);
        var cutoff = Clock.GetUtcNow().AddHours(-48);
        var keys = await writes.RunAsync(scope => IdempotentWrite.PurgeAsync(scope, cutoff));
        if (lots > 0 || keys > 0)
        {
            LogDone(logger, lots, keys);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Maintenance: {Lots} point lots expired, {Keys} idempotency keys forgotten")]
    private static partial void LogDone(ILogger logger, long lots, int keys);
}
