using Tango.Operations;
using Tango.Store.Tiers;

namespace Tango.Tiers;

public sealed record TierOptions
{
    /// <summary>How often every tenant's members are reviewed. Moves down are counted in months, so a few hours is plenty.</summary>
    public TimeSpan ReviewInterval { get; init; } = TimeSpan.FromHours(6);
}

/// <summary>
/// Runs the tier review (<see cref="TierReviews"/>) on a schedule. Off when MaintenanceOptions.Scheduled is
/// off: tests call RunOnceAsync when their clock says so.
/// </summary>
public sealed partial class TierReviewWorker(TierReviews reviews, MaintenanceOptions maintenance, TierOptions options, TimeProvider clock,
    ILogger<TierReviewWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (maintenance.Scheduled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
            await Task.Delay(options.ReviewInterval, clock, stoppingToken);
        }
    }

    public async Task<TierReviewReport> RunOnceAsync(CancellationToken ct)
    {
        var report = await reviews.RunAsync(null, ct);
        if (report.Changed > 0)
        {
            LogReviewed(logger, report.Reviewed, report.Changed);
        }
        return report;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Tier review: {Reviewed} members reviewed, {Changed} tiers changed")]
    private static partial void LogReviewed(ILogger logger, int reviewed, int changed);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Tier review failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
