using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using Tango.Hosting;
using Tango.Store.Infrastructure;

namespace Tango.Operations;

/// <summary>
/// `GET /metrics`: OpenTelemetry's Prometheus exporter over ASP.NET Core's and the runtime's meters and Tango's own.
/// Open by default (a scraper on the same network); with `--metrics-token` (TANGO_METRICS_TOKEN) it answers only
/// requests that send that token as `Authorization: Bearer`, for operators who expose the port.
/// </summary>
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

    /// <summary>`--metrics-token` or TANGO_METRICS_TOKEN; null (or empty) leaves /metrics open.</summary>
    public static string? Token(IConfiguration configuration) =>
        configuration["metrics-token"] is { Length: > 0 } token ? token : null;

    public static void MapMetrics(this IEndpointRouteBuilder app)
    {
        var token = Token(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null,
                configureBranchedPipeline: token is null ? null : branch => branch.Use(RequireToken(token)), optionsName: null)
            .WithMetadata(new ExcludeFromDescriptionAttribute()).AllowAnonymous()
            .DisableRateLimiting();
    }

    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var sent = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            // Compared as hashes in fixed time, so neither the token's length nor its prefix leaks through timing.
            if (sent is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), expected))
            {
                return next(context);
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return new StoredResponseResult(Responses.Problem(401, "unauthorized", "Unauthorized",
                "This server's metrics need its metrics token as 'Authorization: Bearer <token>'.")).ExecuteAsync(context);
        };
    }
}
