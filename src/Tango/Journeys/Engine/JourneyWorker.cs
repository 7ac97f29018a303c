using Tango.Journeys.Messaging;
using Tango.Journeys.Webhooks;
using Tango.Operations;
using Tango.Store.Journeys;

namespace Tango.Journeys.Engine;

/// <summary>
/// The journey engine's loop, every <see cref="JourneyOptions.Interval"/>: notice triggers, run due steps,
/// deliver. Safe on many nodes (unique entry keys, SKIP LOCKED claims, leased deliveries). Off when
/// MaintenanceOptions.Scheduled is off: tests call RunOnceAsync when their clock says so.
/// </summary>
public sealed partial class JourneyWorker(SignalPoller signals, WebhookFanout fanout, StepRunner steps, Deliveries deliveries, JourneyQueries queries,
    MaintenanceOptions maintenance, JourneyOptions options, TimeProvider clock, TangoMetrics metrics, ILogger<JourneyWorker> logger) : ScheduledWorker(maintenance, clock, logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs the next pass now rather than at the next interval (an incident was just declared).</summary>
    public void Nudge() => _wake.TrySetResult();

    protected override TimeSpan Interval => options.Interval;

    protected override Task RunPassAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>Waits the interval, or less when nudged.</summary>
    protected override async Task PauseAsync(CancellationToken ct)
    {
        await Task.WhenAny(base.PauseAsync(ct), _wake.Task);
        _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One pass: triggers, then due steps, then the webhook events read from stored purchases, then deliveries (so a step due now is delivered in the same pass).</summary>
    public async Task<JourneyRun> RunOnceAsync(CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            var entered = await signals.RunAsync(ct);
            var moved = await steps.RunAsync(ct);
            await fanout.RunAsync(ct);
            var delivered = await deliveries.RunAsync(ct);
            var (queued, pending) = await queries.DepthAsync(ct);
            metrics.OutboxDepth(queued, pending);
            if (entered + moved + delivered > 0)
            {
                LogRun(logger, entered, moved, delivered);
            }
            return new JourneyRun(entered, moved, delivered);
        }
        finally
        {
            _running.Release();
        }
    }

    public override void Dispose()
    {
        _running.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Journeys: {Entered} entered, {Moved} entries moved, {Delivered} delivered")]
    private static partial void LogRun(ILogger logger, int entered, int moved, int delivered);
}

public sealed record JourneyRun(int Entered, int Moved, int Delivered);
