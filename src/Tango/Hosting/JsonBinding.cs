using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tango.Hosting;

/// <summary>
/// Binds a JSON value to a request type and names every field that does not fit it, not only the first.
/// </summary>
/// <remarks>
/// System.Text.Json stops at the first error. Converters that swallow errors cannot do better, because a
/// converter does not know the path it is reading. So when plain binding fails, the JSON is walked beside the
/// serializer's own contract for the type (<see cref="JsonTypeInfo"/>): objects and arrays are followed, every
/// leaf is tried with the very converter the serializer uses, and each unknown name or leaf that does not fit is
/// recorded at its path (<see cref="Errors.Unreadable"/>) and left out of a cleaned copy (an array item gets a
/// stand-in, so the indexes of the others do not move). The cleaned copy then binds, and the validators judge
/// every other field; they skip what was recorded here. Input that binds at the first try never walks.
/// </remarks>
public static class JsonBinding
{
    public static T? Bind<T>(JsonElement element, string prefix, Errors errors, JsonSerializerOptions options) where T : class
    {
        try
        {
            return element.Deserialize<T>(options) ?? NoObject<T>(prefix, errors);
        }
        catch (JsonException)
        {
        }
        var walk = new Walk(options, errors);
        if (!walk.TryClean(element, options.GetTypeInfo(typeof(T)), prefix, out var cleaned))
        {
            return null;
        }
        try
        {
            return cleaned.Deserialize<T>(options) ?? NoObject<T>(prefix, errors);
        }
        catch (JsonException ex)
        {
            // A rule the walk does not model (a converter of the type's own, say): the serializer's own words.
            errors.Unreadable(Field(prefix, (ex.Path ?? "$").TrimStart('$').TrimStart('.')), Expected(typeof(T), options));
            return null;
        }
    }

    private static T? NoObject<T>(string prefix, Errors errors) where T : class
    {
        errors.Unreadable(Field(prefix, ""), "A JSON object is required.");
        return null;
    }

    internal static string Field(string prefix, string path) =>
        prefix.Length == 0 ? (path.Length == 0 ? "body" : path) : path.Length == 0 ? prefix : prefix + "." + path;

    /// <summary>What a leaf of this type must look like, in the client's terms.</summary>
    internal static string Expected(Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var names = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"'));
            return $"Expected one of {string.Join(", ", names)}.";
        }
        return type switch
        {
            _ when type == typeof(int) => WholeNumber(int.MinValue, int.MaxValue),
            _ when type == typeof(long) => WholeNumber(long.MinValue, long.MaxValue),
            _ when type == typeof(short) => WholeNumber(short.MinValue, short.MaxValue),
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "Expected a number.",
            _ when type == typeof(bool) => "Expected true or false.",
            _ when type == typeof(string) => "Expected a string.",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "Expected an ISO-8601 instant such as 2026-11-23T10:00:00Z.",
            _ when type == typeof(DateOnly) => "Expected a date YYYY-MM-DD.",
            _ when type == typeof(TimeOnly) => "Expected a time of day HH:MM:SS.",
            _ => "Expected a value of the right type.",
        };
    }

    private static string WholeNumber(long min, long max) =>
        string.Create(CultureInfo.InvariantCulture, $"Expected a whole number from {min} to {max}.");

    private sealed class Walk(JsonSerializerOptions options, Errors errors)
    {
        public bool TryClean(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
        {
            node = null;
            if (element.ValueKind == JsonValueKind.Null)
            {
                return TryLeaf(element, info, path, out node);
            }
            return info.Kind switch
            {
                JsonTypeInfoKind.Object when info.PolymorphismOptions is null =>
                    TryObject(element, info, path, out node),
                JsonTypeInfoKind.Enumerable => TryArray(element, info, path, out node),
                JsonTypeInfoKind.Dictionary => TryDictionary(element, info, path, out node),
                _ => TryLeaf(element, info, path, out node),
            };
        }

        private bool TryObject(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
        {
            node = null;
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Unreadable(Field(path, ""), "Expected an object.");
                return false;
            }
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var disallowUnknown = (info.UnmappedMemberHandling ?? options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow;
            var cleaned = new JsonObject();
            foreach (var property in element.EnumerateObject())
            {
                var at = Field(path, property.Name);
                var contract = info.Properties.FirstOrDefault(p => !p.IsExtensionData && string.Equals(p.Name, property.Name, comparison));
                if (contract is null)
                {
                    if (disallowUnknown)
                    {
                        errors.Unreadable(at, $"Unknown field '{property.Name}'.");
                    }
                }
                else if (property.Value.ValueKind == JsonValueKind.Null && options.RespectNullableAnnotations && !contract.IsSetNullable)
                {
                    errors.Unreadable(at, "Must not be null.");
                }
                else if (TryClean(property.Value, options.GetTypeInfo(contract.PropertyType), at, out var value))
                {
                    cleaned[property.Name] = value;
                }
            }
            node = cleaned;
            return true;
        }

        private bool TryArray(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
        {
            node = null;
            if (element.ValueKind != JsonValueKind.Array)
            {
                errors.Unreadable(Field(path, ""), "Expected an array.");
                return false;
            }
            var itemInfo = options.GetTypeInfo(info.ElementType!);
            var cleaned = new JsonArray();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                cleaned.Add(TryClean(item, itemInfo, $"{path}[{index++}]", out var value) ? value : StandIn(itemInfo.Type));
            }
            node = cleaned;
            return true;
        }

        private bool TryDictionary(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
        {
            node = null;
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Unreadable(Field(path, ""), "Expected an object.");
                return false;
            }
            var valueInfo = options.GetTypeInfo(info.ElementType!);
            var cleaned = new JsonObject();
            foreach (var property in element.EnumerateObject())
            {
                if (TryClean(property.Value, valueInfo, Field(path, property.Name), out var value))
                {
                    cleaned[property.Name] = value;
                }
            }
            node = cleaned;
            return true;
        }

        /// <summary>A value the serializer reads with one converter: tried as it is.</summary>
        private bool TryLeaf(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
        {
            node = null;
            try
            {
                _ = element.Deserialize(info);
            }
            catch (JsonException)
            {
                errors.Unreadable(Field(path, ""), Expected(info.Type, options));
                return false;
            }
            node = element.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(element.GetRawText());
            return true;
        }

        /// <summary>Keeps an unreadable array item's place: the type's default, which the validators never judge.</summary>
        private JsonNode? StandIn(Type type) =>
            type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? JsonSerializer.SerializeToNode(Activator.CreateInstance(type), type, options)
                : null;
    }
}
