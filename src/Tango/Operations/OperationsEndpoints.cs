using Tango.Store.Infrastructure;

namespace Tango.Operations;

public static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithTags("Operations").AllowAnonymous();
        app.MapGet("/readyz", Ready).WithTags("Operations").AllowAnonymous();
    }

    /// <summary>Ready when the store answers and every migration is applied.</summary>
    private static async Task<IResult> Ready(Database db, CancellationToken ct)
    {
        try
        {
            return await Migrator.IsCurrentAsync(db, ct)
                ? TypedResults.Ok(new { status = "ready", store = db.Kind.ToString().ToLowerInvariant() })
                : Results.Json(new { status = "migrations pending" }, statusCode: 503);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return Results.Json(new { status = "store unreachable" }, statusCode: 503);
        }
    }
}
