using Microsoft.Extensions.Options;
using Tango.Hosting.Options;
using Tango.Journeys.Engine;
using Tango.Journeys.Incidents;
using Tango.Journeys.Messaging;
using Tango.Journeys.Webhooks;

namespace Tango.Journeys;

/// <summary>The journey engine, its channels and its endpoints, wired in one place for the web host.</summary>
public static class JourneySetup
{
    public static IServiceCollection AddJourneys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTangoOptions<JourneyOptions>(configuration, JourneyOptions.Problems)
            .PostConfigure<IOptions<AddressOptions>>((journeys, addresses) => journeys.PublicUrl = addresses.Value.LinkOrigin);
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookEndpointGate>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<StepActions>();
        services.AddSingleton<StepRunner>();
        services.AddSingleton<StateScans>();
        services.AddSingleton<SignalPoller>();
        services.AddSingleton<ReportTriggers>();
        services.AddSingleton<WebhookFanout>();
        services.AddSingleton<JourneyWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JourneyWorker>());
        return services;
    }

    public static void MapJourneyApi(this IEndpointRouteBuilder app)
    {
        app.MapJourneys();
        app.MapMessaging();
        app.MapWebhooks();
        app.MapIncidents();
    }
}
