using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// Reads request bodies strictly: malformed JSON is a 400, a wrong type or an unknown field is a 422
/// naming the field's path, and bodies over the limit are refused before they are read.
/// </summary>
public static class JsonInput
{
    public const long DefaultLimit = 1024 * 1024;

    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    public static async Task<(byte[]? Body, StoredResponse? Problem)> ReadBodyAsync(HttpContext context, long limit = DefaultLimit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Responses.Problem(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json."));
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        if (buffer.Length > limit)
        {
            return (null, TooLarge(limit));
        }
        // The JSON reader checks structure, not the UTF-8 inside strings; a bad byte would surface later as a 500.
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (null, Responses.Problem(400, "malformed-json", "Malformed JSON", "The body is not valid UTF-8.",
                new Dictionary<string, string[]> { ["body"] = ["Not valid UTF-8."] }));
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>Parses JSON into <typeparamref name="T"/>; <paramref name="prefix"/> names where it sits in the request.</summary>
    public static (T? Value, StoredResponse? Problem) Parse<T>(ReadOnlySpan<byte> json, string prefix = "", JsonSerializerOptions? options = null)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            if (HasUnreadableText(document.RootElement))
            {
                return (null, UnreadableText());
            }
        }
        catch (JsonException ex)
        {
            return (null, Responses.Problem(400, "malformed-json", "Malformed JSON", $"The body is not valid JSON: {ex.Message}"));
        }
        return Deserialize<T>(json, prefix, options);
    }

    /// <summary>
    /// True when a string or name holds an escape that is half a surrogate pair (such as \ud800): valid JSON,
    /// but no .NET string can hold it, so reading it later would fail.
    /// </summary>
    public static bool HasUnreadableText(JsonElement element)
    {
        try
        {
            Read(element);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }

        static void Read(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Read(property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Read(item);
                    }
                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }

    public static StoredResponse UnreadableText() =>
        Responses.Problem(400, "malformed-json", "Malformed JSON", "The body holds an escaped lone surrogate (such as \\ud800), which is not text.",
            new Dictionary<string, string[]> { ["body"] = ["Not valid Unicode text."] });

    public static (T? Value, StoredResponse? Problem) Parse<T>(JsonElement element, string prefix) where T : class =>
        Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(element), prefix);

    private static (T? Value, StoredResponse? Problem) Deserialize<T>(ReadOnlySpan<byte> json, string prefix, JsonSerializerOptions? options = null)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, options ?? Strict);
            return value is null
                ? (null, Responses.Invalid(prefix.Length == 0 ? "body" : prefix, "A JSON object is required."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var (field, message) = Describe(ex, prefix);
            return (null, Responses.Invalid(field, message));
        }
    }

    private static (string Field, string Message) Describe(JsonException ex, string prefix)
    {
        var path = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal) + 1;
            var name = message[start..message.IndexOf('\'', start)];
            if (!path.EndsWith(name, StringComparison.Ordinal))
            {
                path = path.Length == 0 ? name : path + "." + name;
            }
            return (Join(prefix, path), $"Unknown field '{name}'.");
        }
        var expected = message.Contains("System.Decimal", StringComparison.Ordinal) || message.Contains("System.Int", StringComparison.Ordinal)
            ? "a number" : message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
            : message.Contains("DateTimeOffset", StringComparison.Ordinal) ? "an ISO-8601 instant such as 2026-11-23T10:00:00Z"
            : message.Contains("System.String", StringComparison.Ordinal) ? "a string"
            : message.Contains("DateOnly", StringComparison.Ordinal) ? "a date YYYY-MM-DD" : "a value of the right type";
        return (Join(prefix, path), $"Expected {expected}.");
    }

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? (path.Length == 0 ? "body" : path) : path.Length == 0 ? prefix : prefix + "." + path;

    private static StoredResponse TooLarge(long limit) =>
        Responses.Problem(413, "body-too-large", "Body too large", $"The body is larger than {limit / 1024} KiB.");

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 64,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Collects every broken field of a request so one answer names them all.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public Errors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public StoredResponse ToProblem() => Responses.Problem(422, "validation", "The request is not valid",
        string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
