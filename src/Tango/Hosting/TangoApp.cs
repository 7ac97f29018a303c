using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Tango.Analytics;
using Tango.Auth;
using Tango.Challenges;
using Tango.Cli;
using Tango.Coupons;
using Tango.Events;
using Tango.Hosting.Options;
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
    public const string DefaultUrl = AddressOptions.DefaultUrl;

    /// <summary>The host for `tango serve` with these arguments (parsed as the command line parses them).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null) =>
        Build(ServeCommand.Settings(args), configure);

    /// <param name="commandLine">The serve options given, by name (`rate-limit`), over TANGO_* variables and appsettings.json.</param>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> commandLine, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddTango(commandLine);
        builder.WebHost.UseUrls(builder.Configuration["urls"] is { Length: > 0 } urls ? urls : DefaultUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The batch endpoint takes up to 64 MiB; every other endpoint lowers its own limit to 1 MiB before reading.
            k.Limits.MaxRequestBodySize = EventsEndpoints.BatchBodyLimit;
            k.AddServerHeader = false;
        });
        ConfigureLogging(builder);

        var services = builder.Services;
        services.AddTango(builder.Configuration);
        services.AddTangoOptions<AddressOptions>(builder.Configuration, AddressOptions.Problems);
        services.AddTangoSchedules(builder.Configuration);
        services.AddHostedService<MaintenanceWorker>();
        services.AddSingleton<AnalyticsRefresh>();
        services.AddHostedService<AnalyticsWorker>();
        services.AddHostedService<SlaWorker>();
        services.AddHostedService<TierReviewWorker>();
        services.AddJourneys(builder.Configuration);
        services.AddTangoAuth();
        services.AddTangoWeb();
        services.AddTangoRateLimits(builder.Configuration);
        services.AddTrustedProxies(builder.Configuration);
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
        app.UseTrustedProxies();
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
        Tango.Segments.SegmentsEndpoints.MapSegments(app);
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
        app.MapKeys();
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
        builder.Logging.AddConsole();
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        builder.Services.AddTangoOptions<LogOptions>(builder.Configuration, LogOptions.Problems);
        builder.Services.AddOptions<ConsoleLoggerOptions>().Configure<IOptions<LogOptions>>((console, log) => console.FormatterName = log.Value.FormatterName);
    }

    /// <summary>
    /// Checks the options, the ports and the store, migrates, bootstraps, then serves until stopped. What stops it
    /// before it serves is one <see cref="StartupFailure"/> line.
    /// </summary>
    public static async Task<int> ServeAsync(IReadOnlyDictionary<string, string?> commandLine)
    {
        WebApplication app;
        try
        {
            app = Build(commandLine);
        }
        catch (Exception e) when (OptionsSetup.Describe(e) is { } problem)
        {
            throw new StartupFailure(problem, StartupFailure.BadUsage);
        }
        await using var _ = app;
        OptionsSetup.Check(app.Services);
        StartupChecks.EnsurePortsFree(app.Services.GetRequiredService<AddressOptions>());
        await StartupChecks.EnsureStoreAsync(app.Services);
        await TangoServices.PrepareStoreAsync(app.Services, app.Configuration["bootstrap-admin-key"]);
        try
        {
            await app.RunAsync();
        }
        catch (Exception e) when (StartupChecks.IsPortTaken(e))
        {
            // Taken between the check above and Kestrel's bind.
            throw new StartupFailure($"a port of {app.Services.GetRequiredService<AddressOptions>().Urls} is already in use.");
        }
        return 0;
    }
}
