using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tango.Store.Infrastructure;

/// <summary>The API's JSON: camelCase, enums as lower-case strings. Responses are serialised in the store
/// because the exact bytes are kept for idempotent replay.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Applies the API's conventions to options the web host owns too.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new UtcInstantConverter());
    }

    private static JsonSerializerOptions Create()
    {
        // Relaxed escaping keeps ' < > readable in problem details; responses are always application/json, never HTML.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
