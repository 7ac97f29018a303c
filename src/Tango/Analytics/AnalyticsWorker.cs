using Tango.Operations;
using Tango.Store.Analytics;
using Tango.Store.Infrastructure;

namespace Tango.Analytics;

/// <summary>Refreshes every tenant's analytics on a schedule (MaintenanceOptions.AnalyticsInterval, hourly by default).</summary>
public sealed partial class AnalyticsWorker(AnalyticsRefresh refresh, Database db, TimeProvider clock,
    MaintenanceOptions options, ILogger<AnalyticsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (options.Scheduled && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.AnalyticsInterval, clock, stoppingToken);
            foreach (var tenant in await OrderHistory.TenantsAsync(db, stoppingToken))
            {
                try
                {
                    var outcome = await refresh.RunAsync(tenant, stoppingToken);
                    LogRefreshed(logger, tenant, outcome.Purchasers, outcome.DurationMs);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, tenant, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Analytics of tenant {Tenant} refreshed: {Purchasers} purchasers in {DurationMs} ms")]
    private static partial void LogRefreshed(ILogger logger, string tenant, int purchasers, long durationMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Analytics refresh of tenant {Tenant} failed")]
    private static partial void LogFailed(ILogger logger, string tenant, Exception exception);
}
