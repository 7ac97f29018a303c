using System.Globalization;
using System.Text.Json.Nodes;
using Tango.Domain.Journeys;
using Tango.Domain.Service;
using Tango.Store.Journeys;

namespace Tango.Journeys.Engine;

/// <summary>
/// Turns a stored event into an entry for a journey whose trigger it matches: the occasion that makes the
/// entry unique, what the templates may read, and when the first step is due.
/// </summary>
public static class EventTriggers
{
    public static bool Matches(TriggerSpec trigger, string eventType) => TriggerTypes.EventTypeOf(trigger) == eventType;

    /// <summary>The entry this event makes, or null when its data lacks what the trigger needs.</summary>
    public static Entering? Entering(TriggerSpec trigger, SignalEvent e)
    {
        var data = JsonNode.Parse(e.Data) as JsonObject ?? [];
        var due = e.OccurredAt + (IsoDuration.TryParse(trigger.Delay, out var delay) ? delay : TimeSpan.Zero);
        switch (trigger.Type)
        {
            case TriggerTypes.FirstPurchase or TriggerTypes.Purchase when Text(data, "orderId") is { } orderId:
                var order = new JsonObject
                {
                    ["id"] = orderId,
                    ["total"] = data["total"]?.DeepClone(),
                    ["currency"] = data["currency"]?.DeepClone(),
                    ["occurredAt"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["channel"] = data["channel"]?.DeepClone(),
                    ["lines"] = data["lines"]?.DeepClone() ?? new JsonArray(),
                };
                var occasion = trigger.Type == TriggerTypes.FirstPurchase ? "first-purchase" : "order:" + orderId;
                return new(e.MemberId, occasion, e.OccurredAt, new EntryContext { Variable = "order", Value = order, OrderId = orderId }, due);
            case TriggerTypes.CartAbandoned when Text(data, "cartId") is { } cartId:
                var cart = new JsonObject { ["id"] = cartId, ["total"] = data["total"]?.DeepClone(), ["lines"] = data["lines"]?.DeepClone() ?? new JsonArray() };
                return new(e.MemberId, "cart:" + cartId, e.OccurredAt, new EntryContext { Variable = "cart", Value = cart, CartId = cartId }, due);
            case TriggerTypes.ProductViewed when Text(data, "sku") is { } sku:
                var day = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return new(e.MemberId, $"viewed:{sku}:{day}", e.OccurredAt,
                    new EntryContext { Variable = "product", Value = new JsonObject { ["sku"] = sku }, Sku = sku }, due);
            case TriggerTypes.Event:
                var value = new JsonObject
                {
                    ["type"] = e.Type,
                    ["occurredAt"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["data"] = data,
                };
                return new(e.MemberId, "event:" + e.EventId, e.OccurredAt, new EntryContext { Variable = "event", Value = value }, due);
            default:
                return null;
        }
    }

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
