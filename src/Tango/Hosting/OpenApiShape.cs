using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tango.Hosting;

/// <summary>
/// Makes <c>/openapi/v1.json</c> say what the server does. The generator reads the HTTP JSON options and the C#
/// types; three things it gets wrong for Tango are put right here: which properties are required, instants written
/// by Tango's own converter (typed as nothing at all), and problems (described as ASP.NET's, answered as Tango's).
/// </summary>
public static class OpenApiShape
{
    public const string ProblemSchema = "ProblemDetails";

    public static void Configure(OpenApiOptions options)
    {
        // Two answer types may share a name (a purchase's TierChange {before, after}, a tier history's TierChange): the
        // generator would give both one schema. Such names are told apart by their namespace (DomainTiersTierChange,
        // StoreTiersTierChange): the feature alone is not enough, as both assemblies have a Tiers folder.
        var shared = SharedTypeNames();
        options.CreateSchemaReferenceId = info => OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && shared.Contains(info.Type.Name)
            ? string.Concat((info.Type.Namespace ?? "").Split('.').Skip(1)) + id
            : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            TypeInstants(schema, context.JsonTypeInfo.Type);
            if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
            {
                SetRequired(schema, context.JsonTypeInfo);
            }
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            DescribeProblems(document);
            return Task.CompletedTask;
        });
    }

    private static HashSet<string> SharedTypeNames() =>
        new[] { typeof(OpenApiShape).Assembly, typeof(Store.Infrastructure.Database).Assembly, typeof(Domain.Programs.ProgramDocument).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Required means "always in the answer, never null": a non-nullable property set through the constructor
    /// (every answer record is one) that no ignore condition leaves out. The generator marks every constructor
    /// parameter required, nullable ones too, which also made request fields look mandatory that the server does
    /// not ask for; a nullable property is optional in a request and may be null in an answer.
    /// </summary>
    private static void SetRequired(OpenApiSchema schema, JsonTypeInfo info)
    {
        var required = info.Properties
            .Where(p => p.Get is not null && p.ShouldSerialize is null && !p.IsGetNullable
                && (p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false }))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        schema.Required = required.Count == 0 ? null : required;
    }

    /// <summary>Instants go through a converter of Tango's own, so the generator leaves their type out.</summary>
    private static void TypeInstants(OpenApiSchema schema, Type type)
    {
        if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
        }
        else if (type == typeof(DateTimeOffset?))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }
    }

    /// <summary>
    /// Every problem Tango answers has this shape (RFC 9457 with a urn:tango:problem type, and the broken fields of a 422
    /// in <c>errors</c>). Each operation gets it as its <c>default</c> answer, so an error status it does not list is
    /// described too.
    /// </summary>
    private static void DescribeProblems(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var problem = Problem();
        document.Components.Schemas[ProblemSchema] = problem;
        document.Components.Schemas["HttpValidationProblemDetails"] = problem;
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("default", new OpenApiResponse
            {
                Description = "A problem (RFC 9457): what went wrong, and for a 422 every broken field.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            });
        }
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(["type", "title", "status", "detail"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "urn:tango:problem:<name>" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages by the JSON path of each broken field.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
