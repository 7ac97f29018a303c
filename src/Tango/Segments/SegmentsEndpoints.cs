using System.Text.Json;
using Tango.Auth;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Segments;

namespace Tango.Segments;

/// <summary>A saved segment as the API shows it; <c>count</c> (members matching now) only when one segment is read.</summary>
public sealed record SegmentView(string Key, string Name, IReadOnlyDictionary<string, string> Filter, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    long? Count = null)
{
    public static SegmentView Of(SavedSegment s, long? count = null) => new(s.Key, s.Name, s.Filter, s.CreatedAt, s.UpdatedAt, count);
}

/// <summary>`PUT {name, filter}`: the filter takes the member list's query parameters, as strings, numbers or booleans.</summary>
public sealed record SegmentRequest(string? Name, Dictionary<string, JsonElement>? Filter);

public static class SegmentsEndpoints
{
    public static void MapSegments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/segments").WithTags("Segments").RequireAuthorization(Policies.Read);
        group.MapGet("", List).Produces<Paging.Page<SegmentView>>();
        group.MapGet("/{key}", Get).Produces<SegmentView>().ProducesProblem(404);
        group.MapPut("/{key}", Put).RequireAuthorization(Policies.Admin)
            .Accepts<SegmentRequest>("application/json").Produces<SegmentView>(200).Produces<SegmentView>(201).ProducesValidationProblem(422);
        group.MapDelete("/{key}", Delete).RequireAuthorization(Policies.Admin).Produces(204).ProducesProblem(404);
    }

    private static async Task<IResult> List(HttpContext context, SavedSegments segments) =>
        Paging.Answer(context.Request, (await segments.ListAsync(context.Tenant(), context.RequestAborted)).Select(s => SegmentView.Of(s)), s => s.Key);

    private static async Task<IResult> Get(HttpContext context, SavedSegments segments, MemberQueries members, string key)
    {
        var tenant = context.Tenant();
        if (!Validate.IsId(key) || await segments.GetAsync(tenant, key, context.RequestAborted) is not { } saved)
        {
            return NotFound(key);
        }
        var filter = MemberSearchRequest.ReadFilter(saved.Filter, new Errors(), "filter.");
        var count = await members.CountAsync(tenant, [filter], context.RequestAborted);
        return TypedResults.Ok(SegmentView.Of(saved, count));
    }

    private static async Task<IResult> Put(HttpContext context, Writes writes, TimeProvider clock, string key)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<SegmentRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        if (!Validate.IsId(key))
        {
            errors.Add("key", Validate.IdRule);
        }
        var name = request!.Name?.Trim();
        if (name is not { Length: >= 1 and <= 200 })
        {
            errors.Add("name", "Required: 1-200 characters.");
        }
        var filter = ReadFilter(request.Filter ?? [], errors);
        if (errors.Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, async scope =>
        {
            var saved = await SavedSegments.SaveAsync(scope, tenant, key, name!, filter, clock.GetUtcNow());
            return Responses.Json(saved.Created ? 201 : 200, SegmentView.Of(saved.Segment));
        });
    }

    private static async Task<IResult> Delete(HttpContext context, Writes writes, string key)
    {
        if (!Validate.IsId(key))
        {
            return NotFound(key);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, [], async scope =>
            await SavedSegments.DeleteAsync(scope, tenant, key) ? new StoredResponse(204, "") : Responses.NotFound($"Segment '{key}'"));
    }

    /// <summary>
    /// The filter's values as the query string would carry them, checked by the member list's own reader. Sort,
    /// paging and another saved segment are not part of a filter.
    /// </summary>
    private static Dictionary<string, string> ReadFilter(Dictionary<string, JsonElement> filter, Errors errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in filter)
        {
            var field = "filter." + name;
            if (!MemberSearchRequest.FilterNames.Contains(name))
            {
                errors.Unreadable(field, $"Not a member filter; a segment takes {string.Join(", ", MemberSearchRequest.FilterNames)}.");
                continue;
            }
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!.Trim(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "",
                _ => null,
            };
            if (text is null)
            {
                errors.Unreadable(field, "Must be a string, a number or true/false.");
            }
            else if (text.Length > 0)
            {
                values[name] = text;
            }
        }
        MemberSearchRequest.ReadFilter(values, errors, "filter.");
        return values;
    }

    private static IResult NotFound(string key) => new StoredResponseResult(Responses.NotFound($"Segment '{key}'"));
}
