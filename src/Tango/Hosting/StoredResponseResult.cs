using Tango.Store.Idempotency;

namespace Tango.Hosting;

/// <summary>Writes a response made by the store (or replayed from an idempotency key) byte for byte.</summary>
public sealed class StoredResponseResult(StoredResponse response) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var r = httpContext.Response;
        r.StatusCode = response.Status;
        if (response.Replayed)
        {
            r.Headers["Idempotent-Replayed"] = "true";
        }
        if (response.Body.Length == 0)
        {
            return Task.CompletedTask;
        }
        r.ContentType = response.Status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
        return r.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
