using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>
/// Reads request bodies strictly: malformed JSON is a 400; a wrong type, an unknown field or text that breaks
/// <see cref="InputText"/> is a 422 naming the field's path (every such field, not the first); bodies over the
/// limit are refused before they are read.
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

    /// <summary>
    /// Reads a body into <typeparamref name="T"/>. <c>Problem</c> is set when there is nothing to validate (not
    /// JSON: 400; not an object: 422); otherwise <c>Errors</c> already names every field that could not be read,
    /// and the endpoint's rules add theirs to it, so one 422 names everything.
    /// </summary>
    public static JsonRead<T> Read<T>(ReadOnlySpan<byte> json, string prefix = "", JsonSerializerOptions? options = null) where T : class
    {
        var errors = new Errors();
        var (root, malformed) = ParseDocument(json);
        if (malformed is not null)
        {
            return new JsonRead<T>(null, errors, malformed);
        }
        InputText.Check(root, prefix, errors);
        var value = Bind<T>(root, prefix, errors, options);
        return new JsonRead<T>(value, errors, value is null ? errors.ToProblem() : null);
    }

    /// <summary>
    /// Binds a value inside a request already read (an event's data, an item of a batch), adding what does not fit
    /// to <paramref name="errors"/>; null when nothing could be bound. Its text was checked when the body was read.
    /// </summary>
    public static T? Bind<T>(JsonElement element, string prefix, Errors errors, JsonSerializerOptions? options = null) where T : class =>
        JsonBinding.Bind<T>(element, prefix, errors, options ?? Strict);

    /// <summary>Parses JSON into <typeparamref name="T"/>; a problem as soon as anything is wrong (see <see cref="Read{T}"/> to go on validating).</summary>
    public static (T? Value, StoredResponse? Problem) Parse<T>(ReadOnlySpan<byte> json, string prefix = "", JsonSerializerOptions? options = null)
        where T : class
    {
        var (value, errors, problem) = Read<T>(json, prefix, options);
        return problem is not null ? (null, problem) : errors.Any ? (null, errors.ToProblem()) : (value, null);
    }

    public static (T? Value, StoredResponse? Problem) Parse<T>(JsonElement element, string prefix) where T : class
    {
        var errors = new Errors();
        var value = Bind<T>(element, prefix, errors);
        return errors.Any ? (null, errors.ToProblem()) : (value, null);
    }

    /// <summary>A body read as JSON for a hand-written reader (a merge patch); <c>Errors</c> names text that breaks <see cref="InputText"/>.</summary>
    public static (JsonElement Root, Errors Errors, StoredResponse? Problem) ReadElement(ReadOnlySpan<byte> json)
    {
        var errors = new Errors();
        var (root, problem) = ParseDocument(json);
        if (problem is null)
        {
            InputText.Check(root, "", errors);
        }
        return (root, errors, problem);
    }

    /// <summary>
    /// Parses a body into a JSON document: a 400 when it is not JSON, or when a string holds an escape that is half a
    /// surrogate pair (such as \ud800), which no .NET string can hold. The element outlives the document.
    /// </summary>
    public static (JsonElement Root, StoredResponse? Problem) ParseDocument(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            return InputText.Check(document.RootElement, "", new Errors())
                ? (document.RootElement.Clone(), null)
                : (default, UnreadableText());
        }
        catch (JsonException ex)
        {
            return (default, Responses.Problem(400, "malformed-json", "Malformed JSON", $"The body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>True when a string or name holds an escaped lone surrogate (such as \ud800).</summary>
    public static bool HasUnreadableText(JsonElement element) => !InputText.Check(element, "", new Errors());

    public static StoredResponse UnreadableText() =>
        Responses.Problem(400, "malformed-json", "Malformed JSON", "The body holds an escaped lone surrogate (such as \\ud800), which is not text.",
            new Dictionary<string, string[]> { ["body"] = ["Not valid Unicode text."] });

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

/// <summary>A body read by <see cref="JsonInput.Read{T}"/>.</summary>
public readonly record struct JsonRead<T>(T? Value, Errors Errors, StoredResponse? Problem) where T : class;
