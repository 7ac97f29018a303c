namespace Tango.Service;

/// <summary>Service quality in one mapping call: tickets, surveys, recovery cases and their analytics.</summary>
public static class ServiceEndpoints
{
    public static void MapService(this IEndpointRouteBuilder app)
    {
        app.MapTickets();
        app.MapSurveys();
        app.MapRecovery();
        app.MapServiceAnalytics();
    }
}
