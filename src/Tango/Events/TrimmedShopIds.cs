using System.Text.Json;
using System.Text.Json.Nodes;
using Tango.Store.Events;

namespace Tango.Events;

/// <summary>
/// Shop ids are kept trimmed; the event's data is stored as sent and read again later (journeys, incidents, the
/// export), so an id sent with surrounding spaces is trimmed in the stored data too, and every reader sees the id
/// the write used. Data without such spaces (nearly all of it) is stored byte for byte as it came.
/// </summary>
internal static class TrimmedShopIds
{
    private static readonly string[] s_topLevel = ["orderId", "cartId", "refundId", "sku"];

    /// <summary>The event with its data's shop ids trimmed; the same event when none needs it.</summary>
    public static EventCommand Apply(EventCommand command, JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Object || !NeedsTrim(raw))
        {
            return command;
        }
        var data = JsonNode.Parse(raw.GetRawText())!.AsObject();
        foreach (var name in s_topLevel)
        {
            Trim(data, name);
        }
        if (data["lines"] is JsonArray lines)
        {
            foreach (var line in lines.OfType<JsonObject>())
            {
                Trim(line, "sku");
            }
        }
        return command with { DataJson = data.ToJsonString() };
    }

    private static bool NeedsTrim(JsonElement data)
    {
        if (s_topLevel.Any(name => Untrimmed(data, name)))
        {
            return true;
        }
        return data.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array
            && lines.EnumerateArray().Any(line => line.ValueKind == JsonValueKind.Object && Untrimmed(line, "sku"));
    }

    private static bool Untrimmed(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text
        && text.Length != text.Trim().Length;

    private static void Trim(JsonObject owner, string name)
    {
        if (owner[name] is JsonValue value && value.TryGetValue<string>(out var text))
        {
            owner[name] = text.Trim();
        }
    }
}
