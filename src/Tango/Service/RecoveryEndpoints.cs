using System.Text.Json;
using Tango.Auth;
using Tango.Domain.Service;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Service;

namespace Tango.Service;

/// <summary>Service-recovery cases: the staff task list, closed by staff once they have dealt with a case.</summary>
public static class RecoveryEndpoints
{
    public static void MapRecovery(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/service/recovery").WithTags("Service recovery").RequireAuthorization(Policies.Read);
        group.MapGet("", List).Produces<Paging.Page<RecoveryCase>>().ProducesValidationProblem(422);
        group.MapGet("/{caseId}", Get).Produces<RecoveryCase>().ProducesProblem(404);
        group.MapPatch("/{caseId}", Patch).RequireAuthorization(Policies.Ingest)
            .Accepts<RecoveryPatchBody>("application/merge-patch+json", "application/json").Produces<RecoveryCase>().ProducesProblem(404).ProducesValidationProblem(422);
    }

    /// <summary>The PATCH body, for the OpenAPI document: `status` open|closed and a staff `note` (null clears it).</summary>
    public sealed record RecoveryPatchBody(string? Status, string? Note);

    /// <summary>`?status=open|closed&amp;memberId=`, oldest first.</summary>
    private static async Task<IResult> List(HttpContext context, RecoveryQueries cases)
    {
        var (limit, cursor, paging) = Paging.Read(context.Request);
        if (paging is not null)
        {
            return new StoredResponseResult(paging);
        }
        var errors = new Errors();
        var query = context.Request.Query;
        var status = query.ContainsKey("status") ? ServiceInput.Enum<RecoveryStatus>(errors, "status", query["status"].ToString(), required: true) : null;
        var memberId = query.ContainsKey("memberId") ? query["memberId"].ToString() : null;
        if (memberId is not null)
        {
            ServiceInput.MemberId(errors, memberId);
        }
        if (errors.Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var (items, next) = await cases.ListAsync(context.Tenant(), new RecoveryFilter(status, memberId, limit, cursor), context.RequestAborted);
        return TypedResults.Ok(new Paging.Page<RecoveryCase>(items, Paging.Encode(next)));
    }

    private static async Task<IResult> Get(HttpContext context, RecoveryQueries cases, string caseId) =>
        Validate.IsId(caseId) && await cases.GetAsync(context.Tenant(), caseId, context.RequestAborted) is { } found
            ? TypedResults.Ok(found)
            : new StoredResponseResult(Responses.NotFound($"Recovery case '{caseId}'"));

    private static async Task<IResult> Patch(HttpContext context, Writes writes, RecoveryCases cases, string caseId)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (element, errors, malformed) = JsonInput.ReadElement(body);
        if (malformed is not null)
        {
            return new StoredResponseResult(malformed);
        }
        var (change, broken) = ReadPatch(element, errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        if (!Validate.IsId(caseId))
        {
            return new StoredResponseResult(Responses.NotFound($"Recovery case '{caseId}'"));
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => cases.ChangeAsync(scope, tenant, caseId, change!));
    }

    private static (RecoveryChange? Change, StoredResponse? Problem) ReadPatch(JsonElement body, Errors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, errors.Add("body", "A JSON object is required.").ToProblem());
        }
        RecoveryStatus? status = null;
        string? note = null;
        var noteSet = false;
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == "status")
            {
                status = ServiceInput.Text(errors, "status", property.Value) is { } s ? ServiceInput.Enum<RecoveryStatus>(errors, "status", s, required: true) : null;
            }
            else if (property.Name == "note")
            {
                noteSet = true;
                note = property.Value.ValueKind == JsonValueKind.Null ? null : ServiceInput.Text(errors, "note", property.Value)?.Trim();
                if (note is { Length: > ServiceInput.MaxComment })
                {
                    errors.Add("note", $"At most {ServiceInput.MaxComment} characters.");
                }
                ServiceInput.FreeText(errors, "note", note);
            }
            else
            {
                errors.Add(property.Name, $"Unknown field '{property.Name}'.");
            }
        }
        return errors.Any ? (null, errors.ToProblem()) : (new RecoveryChange(status, note, noteSet), null);
    }
}
