using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tango.Domain.Journeys;

/// <summary>The one way a journey definition is read and written: strict, camelCase, nulls left out.</summary>
public static class JourneyJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(JourneyDefinition journey) => JsonSerializer.Serialize(journey, Options);

    public static JourneyDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<JourneyDefinition>(json, Options) ?? throw new JsonException("A journey definition is required.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            // A misspelt key must fail loudly rather than silently leave a step out.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
