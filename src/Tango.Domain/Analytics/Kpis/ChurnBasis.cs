using System.Text.Json.Serialization;

namespace Tango.Domain.Analytics.Kpis;

/// <summary>Which definition the churn rate used. JSON holds the API value whatever the serializer options.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChurnBasis>))]
public enum ChurnBasis
{
    /// <summary>Share of purchasers with P(alive) below 0.5; used when every purchaser has a P(alive).</summary>
    [JsonStringEnumMemberName("model")]
    Model,

    /// <summary>Share of purchasers without a purchase in the active window.</summary>
    [JsonStringEnumMemberName("window")]
    Window,
}
