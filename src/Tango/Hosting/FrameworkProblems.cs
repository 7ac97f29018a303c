using Microsoft.AspNetCore.WebUtilities;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// Gives the answers the framework makes by itself (no route: 404, a method the route does not take: 405, a body
/// type it does not take: 415, a request Kestrel could not read: 400 or 413, an exception: 500) the shape of every
/// other Tango problem: a <c>urn:tango:problem:</c> type, a title and a detail that says what to do.
/// </summary>
public static class FrameworkProblems
{
    /// <summary>Exceptions that mean the request cannot be carried out, not that the server failed.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest, // a form that cannot be read
        // Points and money are checked arithmetic and every write is one transaction: an overflow refuses the request.
        OverflowException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(Responses.ProblemTypeBase, StringComparison.Ordinal) == true)
        {
            return;
        }
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        var (name, title, detail) = Describe(status, http, context.Exception);
        problem.Type = Responses.ProblemTypeBase + name;
        problem.Title = title;
        problem.Detail = detail;
        problem.Status = status;
    }

    /// <summary>The problem a write answers when checked arithmetic overflowed inside it.</summary>
    public static (string Name, string Title, string Detail) OutOfRange =>
        ("out-of-range", "Number out of range",
            "The request would take a number (a balance, a total) beyond what can be stored, so it was refused and nothing was changed.");

    private static (string Name, string Title, string Detail) Describe(int status, HttpContext http, Exception? exception)
    {
        var request = http.Request;
        return status switch
        {
            400 => ("bad-request", "Bad request", exception is BadHttpRequestException or InvalidDataException ? exception.Message : "The request could not be read."),
            404 => ("not-found", "Not found", $"Nothing answers {request.Method} {request.Path}."),
            405 => ("method-not-allowed", "Method not allowed",
                $"{request.Path} does not take {request.Method}; it takes {http.Response.Headers.Allow}."),
            409 when exception is OverflowException => OutOfRange,
            413 => ("body-too-large", "Body too large", "The body is larger than this endpoint takes (1 MiB; 64 MiB for POST /v1/events:batch)."),
            415 => ("unsupported-media-type", "Unsupported media type",
                "Send the body as application/json (a PATCH also takes application/merge-patch+json)."),
            500 => ("internal", "Internal error", "The server failed to answer this request; the failure is logged."),
            _ => Generic(status),
        };
    }

    private static (string, string, string) Generic(int status)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(status);
        if (phrase.Length == 0)
        {
            return ("error", "Error", $"The server answered {status}.");
        }
        return (phrase.ToLowerInvariant().Replace(' ', '-'), phrase, $"The server answered {status} {phrase}.");
    }
}
