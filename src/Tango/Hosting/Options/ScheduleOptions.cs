using Tango.Domain.Analytics.Insights;
using Tango.Operations;
using Tango.Service;
using Tango.Tiers;

namespace Tango.Hosting.Options;

/// <summary>
/// How often the background jobs run and how analytics are fitted. These have no command-line option: they are
/// tuned, rarely, in appsettings.json sections (`maintenance`, `analysis`, `service`, `tiers`) or as
/// TANGO_MAINTENANCE__INTERVAL=00:10:00 and the like.
/// </summary>
public static class ScheduleOptions
{
    public static IServiceCollection AddTangoSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTangoOptions<MaintenanceOptions>(configuration.GetSection("maintenance"), o =>
            Positive(("maintenance:Interval", o.Interval), ("maintenance:AnalyticsInterval", o.AnalyticsInterval)));
        services.AddTangoOptions<AnalysisOptions>(configuration.GetSection("analysis"), o =>
            o.MinPurchasersToFit < 1 || o.ExpectedPurchasesHorizonDays < 1 || o.ClvHorizonDays < 1 || !(o.AnnualDiscountRate >= 0)
                ? ["analysis: the minimum purchasers and horizons must be 1 or more, and the discount rate 0 or more."] : []);
        services.AddTangoOptions<ServiceOptions>(configuration.GetSection("service"), o => Positive(("service:BreachCheckInterval", o.BreachCheckInterval)));
        services.AddTangoOptions<TierOptions>(configuration.GetSection("tiers"), o => Positive(("tiers:ReviewInterval", o.ReviewInterval)));
        return services;
    }

    private static IEnumerable<string> Positive(params (string Name, TimeSpan Value)[] intervals) =>
        intervals.Where(i => i.Value <= TimeSpan.Zero).Select(i => $"{i.Name} must be longer than zero, not {i.Value}.");
}
