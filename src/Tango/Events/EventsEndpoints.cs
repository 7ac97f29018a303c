using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tango.Auth;
using Tango.Hosting;
using Tango.Store.Events;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Events;

public static class EventsEndpoints
{
    public const int MaxBatch = 10_000;
    public const long BatchBodyLimit = 64L * 1024 * 1024;

    public static void MapEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Events").RequireAuthorization(Policies.Ingest);
        group.MapPost("/events", Post).Accepts<EventRequest>("application/json").Produces<PointsOutcome>()
            .ProducesProblem(409).ProducesValidationProblem(422).AddOpenApiOperationTransformer(DescribeAnswers);
        group.MapPost("/events:batch", PostBatch).Accepts<BatchItemRequest[]>("application/json");
    }

    /// <summary>A purchase or a refund answers what it did to the points; any other event, that it was accepted.</summary>
    private static async Task DescribeAnswers(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var json) == true
            && json.Schema is { } outcome)
        {
            json.Schema = new OpenApiSchema { AnyOf = [outcome, await context.GetOrCreateSchemaAsync(typeof(EventAccepted), null, ct)] };
        }
    }

    private static async Task<IResult> Post(HttpContext context, Writes writes, TimeProvider clock)
    {
        var key = context.Request.Headers[Writes.KeyHeader].ToString();
        if (key.Length == 0)
        {
            return new StoredResponseResult(Responses.Problem(400, "idempotency-key-required", "Idempotency-Key required",
                "POST /v1/events needs an Idempotency-Key header.", new Dictionary<string, string[]> { [Writes.KeyHeader] = ["Required."] }));
        }
        if (Writes.CheckKey(key) is { } badKey)
        {
            return new StoredResponseResult(badKey);
        }
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<EventRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var tenant = context.Tenant();
        var (command, broken) = EventParsing.Parse(tenant, request!.Type, request.MemberId, request.OccurredAt, request.Data, clock.GetUtcNow(), errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        return await writes.RespondEventAsync(context, body!, command!);
    }

    /// <summary>
    /// Up to 10,000 events, each with its own idempotency key. Every valid item joins the write queue at
    /// once, so they commit in large groups; a bad item gets its own problem and the rest go on.
    /// </summary>
    private static async Task<IResult> PostBatch(HttpContext context, Writes writes, TimeProvider clock)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context, BatchBodyLimit);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (root, malformed) = Members.MembersEndpoints.ParseElement(body!);
        if (malformed is not null)
        {
            return malformed;
        }
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is 0 or > MaxBatch)
        {
            return new StoredResponseResult(Responses.Invalid("body", $"An array of 1 to {MaxBatch} events is required."));
        }
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var results = root.EnumerateArray().Select(item => RunItem(item, tenant, now, writes)).ToList();
        var answers = await Task.WhenAll(results);
        return new BatchResult(answers);
    }

    private static Task<StoredResponse> RunItem(JsonElement item, string tenant, DateTimeOffset now, Writes writes)
    {
        // Each item is answered on its own, so its problem names fields from the item itself (`data.total`).
        var errors = new Errors();
        InputText.Check(item, "", errors);
        if (JsonInput.Bind<BatchItemRequest>(item, "", errors) is not { } request)
        {
            return Task.FromResult(errors.ToProblem());
        }
        if (request.IdempotencyKey is null)
        {
            errors.Add("idempotencyKey", "Required.");
        }
        else if (Writes.CheckKey(request.IdempotencyKey) is { } badKey)
        {
            return Task.FromResult(badKey);
        }
        var (command, broken) = EventParsing.Parse(tenant, request.Type, request.MemberId, request.OccurredAt, request.Data, now, errors);
        if (broken is not null)
        {
            return Task.FromResult(broken);
        }
        var hash = IdempotentWrite.HashRequest("POST", "/v1/events:batch", Encoding.UTF8.GetBytes(item.GetRawText()));
        return RunGuardedAsync(writes, tenant, request.IdempotencyKey!, hash, command!);
    }

    private static async Task<StoredResponse> RunGuardedAsync(Writes writes, string tenant, string key, string hash, EventCommand command)
    {
        try
        {
            var response = await writes.RunEventAsync(tenant, key, hash, command);
            return response.KeyReused ? Writes.KeyReused() : response;
        }
        catch (OverflowException)
        {
            var (name, title, detail) = FrameworkProblems.OutOfRange;
            return Responses.Problem(409, name, title, detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Responses.Problem(500, "internal", "Internal error", "This event could not be stored; send it again with the same key.");
        }
    }

    private sealed class BatchResult(StoredResponse[] answers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 200;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(httpContext.Response.Body);
            json.WriteStartObject();
            json.WriteStartArray("results");
            foreach (var answer in answers)
            {
                json.WriteStartObject();
                json.WriteNumber("status", answer.Status);
                json.WriteBoolean("replayed", answer.Replayed);
                json.WritePropertyName(answer.Status >= 400 ? "problem" : "result");
                json.WriteRawValue(answer.Body.Length == 0 ? "null" : answer.Body, skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(httpContext.RequestAborted);
        }
    }
}
