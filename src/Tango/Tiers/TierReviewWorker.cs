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
    ILogger<TierReviewWorker> logger) : ScheduledWorker(maintenance, clock, logger)
{
    protected override TimeSpan Interval => options.ReviewInterval;

    protected override Task RunPassAsync(CancellationToken ct) => RunOnceAsync(ct);

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
}
