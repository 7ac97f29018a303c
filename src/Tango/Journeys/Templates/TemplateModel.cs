using System.Text.Json;
using System.Text.Json.Nodes;
using Tango.Domain.Money;
using Tango.Domain.Programs;
using Tango.Store.Journeys;

namespace Tango.Journeys.Templates;

/// <summary>
/// The values a template renders with, shaped as <see cref="Domain.Journeys.TemplateVariables"/> describes:
/// the member, their numbers and markers, and what the trigger brought. Missing values render empty.
/// </summary>
public static class TemplateModel
{
    public static Dictionary<string, object?> For(JourneyMember member, IReadOnlyList<MemberMarker> markers, ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(program);
        var tierName = program.Tiers?.FirstOrDefault(t => t.Id == member.TierId)?.Name ?? member.TierId;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["member"] = Map(("id", member.MemberId), ("name", member.Name), ("firstName", FirstName(member.Name)), ("email", member.Email),
                ("locale", member.Locale), ("timeZone", member.TimeZone), ("birthDate", member.BirthDate), ("tier", member.TierId),
                ("segment", member.Segment)),
            ["balance"] = Map(("points", member.PointsBalance), ("wallet", Currency.FromMinor(member.WalletMinor, program.Currency)),
                ("currency", program.Currency)),
            ["tier"] = member.TierId is null ? null : Map(("id", member.TierId), ("name", tierName)),
            ["insights"] = member.Segment is null && member.PAlive is null ? null : Map(("segment", member.Segment), ("pAlive", member.PAlive),
                ("expectedPurchases90d", member.ExpectedPurchases90d), ("predictedClv12m", member.PredictedClv12m),
                ("loyaltyStage", member.LoyaltyStage), ("habitStrength", member.HabitStrength)),
            ["marker"] = markers.Count == 0 ? null : Marker(markers[0]),
            ["markers"] = markers.Select(Marker).ToList<object?>(),
        };
    }

    /// <summary>Converts stored JSON (an order's data, a cart) into what Liquid reads: dictionaries, lists and plain values.</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.TryGetValue<decimal>(out var d) ? d : v.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static Dictionary<string, object?> Marker(MemberMarker m) => Map(("text", m.Text), ("kind", m.Kind));

    private static string? FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
