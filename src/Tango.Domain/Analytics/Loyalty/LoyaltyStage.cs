using System.Text.Json.Serialization;

namespace Tango.Domain.Analytics.Loyalty;

/// <summary>
/// Where a member stands on temporary → long-term → fan, or lapsing; see <see cref="LoyaltyStages.Of"/>.
/// JSON holds the API value whatever the serializer options.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoyaltyStage>))]
public enum LoyaltyStage
{
    /// <summary>Never purchased.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    [JsonStringEnumMemberName("temporary")]
    Temporary,

    [JsonStringEnumMemberName("long-term")]
    LongTerm,

    [JsonStringEnumMemberName("fan")]
    Fan,

    [JsonStringEnumMemberName("lapsing")]
    Lapsing,
}
