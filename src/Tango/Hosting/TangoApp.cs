using Scalar.AspNetCore;
using Tango.Analytics;
using Tango.Auth;
using Tango.Challenges;
using Tango.Coupons;
using Tango.Domain.Analytics.Insights;
using Tango.Events;
using Tango.Insiders;
using Tango.Journeys;
using Tango.Ledger;
using Tango.Members;
using Tango.Operations;
using Tango.Programs;
using Tango.Referrals;
using Tango.Rewards;
using Tango.Service;
using Tango.Simulation;
using Tango.Store.Infrastructure;
using Tango.Tiers;
using Tango.Web;

namespace Tango.Hosting;

/// <summary>Builds the `tango serve` web host. Tests build the same host with their own clock.</summary>
public static class TangoApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The batch endpoint takes up to 64 MiB; every other endpoint lowers its own limit to 1 MiB before reading.
            k.Limits.MaxRequestBodySize = EventsEndpoints.BatchBodyLimit;
            k.AddServerHeader = false;
        });
        ConfigureLogging(builder);

        var services = builder.Services;
        services.AddTango(TangoServices.DatabaseLocation(builder.Configuration), TangoServices.Writers(builder.Configuration));
        services.AddSingleton(new MaintenanceOptions());
        services.AddHostedService<MaintenanceWorker>();
        services.AddSingleton(new AnalysisOptions());
        services.AddSingleton<AnalyticsRefresh>();
        services.AddHostedService<AnalyticsWorker>();
        services.AddSingleton(new ServiceOptions());
        services.AddHostedService<SlaWorker>();
        services.AddSingleton(new TierOptions());
        services.AddHostedService<TierReviewWorker>();
        services.AddJourneys(builder.Configuration);
        services.AddTangoAuth();
        services.AddTangoWeb();
        services.AddTangoRateLimits(RateLimits.PerSecond(builder.Configuration));
        services.AddTangoMetrics();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
        services.ConfigureHttpJsonOptions(o =>
        {
            StoreJson.Configure(o.SerializerOptions);
            // Bodies are read by JsonInput (strict); this makes the OpenAPI document type numbers as numbers only.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", OpenApiShape.Configure);
        configure?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = FrameworkProblems.StatusFor,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseInputTextRule();
        app.UseTangoWebHeaders();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Tango API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapOperations();
        app.MapMetrics();
        app.MapMembers();
        app.MapEvents();
        app.MapLedger();
        app.MapProgram();
        app.MapAnalytics();
        app.MapService();
        app.MapTiers();
        app.MapRewards();
        app.MapCoupons();
        app.MapInsiders();
        app.MapSimulation();
        app.MapJourneyApi();
        app.MapReferrals();
        app.MapAchievements();
        app.MapPortalLinks();
        app.MapTangoWeb();
        // Created now so that the write-queue instruments are observed from the first scrape.
        app.Services.GetRequiredService<TangoMetrics>();
        return app;
    }

    /// <summary>
    /// One line per entry with the request's scope (its RequestId and path), or JSON objects with
    /// `--log-format json` (TANGO_LOG_FORMAT) for log collectors.
    /// </summary>
    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        var format = builder.Configuration["log-format"] ?? Environment.GetEnvironmentVariable("TANGO_LOG_FORMAT");
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
            });
        }
    }

    /// <summary>Migrates, bootstraps, then serves until stopped.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var app = Build(args);
        await TangoServices.PrepareStoreAsync(app.Services, Environment.GetEnvironmentVariable("TANGO_BOOTSTRAP_ADMIN_KEY"));
        await app.RunAsync();
        return 0;
    }
}
