using OpenTelemetry.Metrics;

namespace Tango.Operations;

/// <summary>`GET /metrics`: OpenTelemetry's Prometheus exporter over ASP.NET Core's and the runtime's meters and Tango's own.</summary>
public static class MetricsSetup
{
    public static IServiceCollection AddTangoMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TangoMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.RateLimiting",
                // The runtime's own meter (.NET 9+): GC heap size, collections, working set, thread-pool queue.
                "System.Runtime")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new ExcludeFromDescriptionAttribute()).AllowAnonymous()
            .DisableRateLimiting();
}
