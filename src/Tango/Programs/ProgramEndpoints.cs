using System.Globalization;
using System.Text.Json;
using Tango.Auth;
using Tango.Domain.Programs;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;

namespace Tango.Programs;

/// <summary>
/// The program document. GET answers the current document (its version in the ETag and the
/// Tango-Program-Version header); PUT validates the whole document and appends a new version.
/// </summary>
public static class ProgramEndpoints
{
    public const string VersionHeader = "Tango-Program-Version";

    public static void MapProgram(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/program").WithTags("Program").RequireAuthorization(Policies.Read);
        group.MapGet("", Get).Produces<ProgramDocument>();
        group.MapPut("", Put).RequireAuthorization(Policies.Admin)
            .Accepts<ProgramDocument>("application/json").Produces<ProgramDocument>().ProducesValidationProblem(422);
        group.MapGet("/versions", Versions);
        group.MapGet("/versions/{version:int}", GetVersion).Produces<ProgramDocument>();
    }

    private static async Task<IResult> Get(HttpContext context, ProgramStore programs)
    {
        var current = await programs.CurrentAsync(context.Tenant(), context.RequestAborted);
        return Document(context, current);
    }

    private static async Task<IResult> GetVersion(HttpContext context, ProgramStore programs, Database db, int version)
    {
        var tenant = context.Tenant();
        var current = await programs.CurrentAsync(tenant, context.RequestAborted);
        if (version < 0 || version > current.Version)
        {
            return new StoredResponseResult(Responses.NotFound($"Program version {version}"));
        }
        await using var connection = await db.OpenConnectionAsync(context.RequestAborted);
        return Document(context, await programs.VersionAsync(connection, null, tenant, version));
    }

    private static async Task<IResult> Versions(HttpContext context, ProgramStore programs) =>
        TypedResults.Ok(new { items = await programs.VersionsAsync(context.Tenant(), context.RequestAborted), nextCursor = (string?)null });

    private static async Task<IResult> Put(HttpContext context, Writes writes, ProgramStore programs)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (document, errors, invalid) = JsonInput.Read<ProgramDocument>(body, options: ProgramJson.Options);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        if (errors.AddAll(ProgramValidator.Validate(document!)).Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var tenant = context.Tenant();
        var saved = default(ProgramVersion);
        var result = await writes.RespondAsync(context, body!, async scope =>
        {
            saved = await programs.SaveAsync(scope, tenant, document!);
            return new Store.Idempotency.StoredResponse(200, JsonSerializer.Serialize(document, ProgramJson.Options));
        });
        if (saved is not null)
        {
            SetVersionHeaders(context, saved.Version);
        }
        return result;
    }

    private static IResult Document(HttpContext context, ProgramVersion version)
    {
        SetVersionHeaders(context, version.Version);
        return new StoredResponseResult(new Store.Idempotency.StoredResponse(200, JsonSerializer.Serialize(version.Document, ProgramJson.Options)));
    }

    private static void SetVersionHeaders(HttpContext context, int version)
    {
        var text = version.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[VersionHeader] = text;
        context.Response.Headers.ETag = $"\"{text}\"";
    }
}
