using System.Text.Json;
using System.Text.Json.Nodes;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>
/// What the trigger brought, kept on the entry: the template variable it offers (order, cart, case, …) and
/// the references the engine needs later (the cart to watch for conversion, the apology to mark sent).
/// </summary>
public sealed record EntryContext
{
    /// <summary>The template variable's name ("order") and value, as the template sees it.</summary>
    public string? Variable { get; init; }

    public JsonNode? Value { get; init; }

    public string? OrderId { get; init; }

    public string? CartId { get; init; }

    public string? Sku { get; init; }

    public string? CaseId { get; init; }

    public string? TicketId { get; init; }

    public string? ServiceMessageId { get; init; }

    public string ToJson() => StoreJson.Serialize(this);

    public static EntryContext FromJson(string json) => JsonSerializer.Deserialize<EntryContext>(json, StoreJson.Options) ?? new EntryContext();
}
