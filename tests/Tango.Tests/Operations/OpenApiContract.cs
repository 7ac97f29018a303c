extern alias JsonSchemaNet;

using System.Text.Json;
using System.Text.Json.Nodes;
using JsonSchemaNet::Json.Schema;

namespace Tango.Tests.Operations;

/// <summary>A real answer of the server: what was asked (by the route's template) and what came back.</summary>
public sealed record Answer(string Method, string Template, int Status, string? MediaType, string Body);

/// <summary>
/// The server's own /openapi/v1.json as JSON Schema 2020-12 (OpenAPI 3.1 schemas are that dialect): every component
/// schema becomes a $defs entry of one registered document, and an answer is checked against the schema the document
/// gives its operation and status (or its "default" answer).
/// </summary>
public sealed class OpenApiContract
{
    private const string Base = "https://tango.invalid/openapi/v1";
    private readonly JsonObject _paths;
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private int _built;

    private OpenApiContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Base,
            ["$defs"] = Absolute(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject()),
        };
        JsonSchema.FromText(root.ToJsonString(), _build);
    }

    public static async Task<OpenApiContract> LoadAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/openapi/v1.json");
        return new OpenApiContract(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Each way the answer disagrees with the document, naming the operation, status and JSON path.</summary>
    public IEnumerable<string> Mismatches(Answer answer)
    {
        var at = $"{answer.Method} {answer.Template} → {answer.Status}";
        if (_paths[answer.Template]?[answer.Method.ToLowerInvariant()] is not JsonObject operation)
        {
            // No route (404) or not this method (405): the answer is still a problem of the documented shape.
            return answer.Status is 404 or 405
                ? Evaluate(at, new JsonObject { ["$ref"] = "#/components/schemas/ProblemDetails" }, answer.Body)
                : [$"{at}: the document has no such operation"];
        }
        var responses = operation["responses"]?.AsObject();
        var response = responses?[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (response is null)
        {
            return [$"{at}: the document lists no such status and no default answer"];
        }
        if (answer.Body.Length == 0)
        {
            return response["content"] is JsonObject { Count: > 0 } ? [$"{at}: the document describes a body, the answer has none"] : [];
        }
        if (response["content"]?[answer.MediaType ?? ""]?["schema"] is not JsonNode schema)
        {
            return [$"{at}: the document gives no schema for {answer.MediaType}"];
        }
        return Evaluate(at, schema, answer.Body);
    }

    private IEnumerable<string> Evaluate(string at, JsonNode schema, string body)
    {
        var wrapped = Absolute(schema.DeepClone()).AsObject();
        wrapped["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var compiled = JsonSchema.FromText(wrapped.ToJsonString(), _build, new Uri($"{Base}/answer/{++_built}"));
        using var instance = JsonDocument.Parse(body);
        var result = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (result.IsValid)
        {
            return [];
        }
        var found = Failures(result).Select(r => $"{at}: at '{r.InstanceLocation}' ({r.EvaluationPath}): {string.Join(" ", r.Errors!.Values)}")
            .Distinct()
            .ToList();
        return found.Count > 0 ? found : [$"{at}: does not match its schema"];
    }

    /// <summary>The failing leaves of an evaluation; a branch of oneOf/anyOf that failed under a passing parent is no failure.</summary>
    private static IEnumerable<EvaluationResults> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }
        if (node.Errors is { Count: > 0 })
        {
            yield return node;
        }
        foreach (var failure in (node.Details ?? []).SelectMany(Failures))
        {
            yield return failure;
        }
    }

    /// <summary>OpenAPI's "#/components/schemas/X" references, pointed at the registered document's $defs.</summary>
    private static JsonNode Absolute(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        obj[name] = Base + "#/$defs/" + reference["#/components/schemas/".Length..];
                    }
                    else if (value is not null)
                    {
                        Absolute(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Absolute(item);
                    }
                }
                break;
        }
        return node;
    }
}
