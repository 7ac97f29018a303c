using System.Text.Json.Serialization;

namespace Tango.Domain.Analytics.Rfm;

/// <summary>
/// A named RFM segment; <see cref="RfmSegments.Name"/> gives its API value, which JSON holds whatever the
/// serializer options.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RfmSegment>))]
public enum RfmSegment
{
    [JsonStringEnumMemberName("champions")]
    Champions,

    [JsonStringEnumMemberName("loyal")]
    Loyal,

    [JsonStringEnumMemberName("potential-loyalists")]
    PotentialLoyalists,

    [JsonStringEnumMemberName("new")]
    New,

    [JsonStringEnumMemberName("promising")]
    Promising,

    [JsonStringEnumMemberName("need-attention")]
    NeedAttention,

    [JsonStringEnumMemberName("about-to-sleep")]
    AboutToSleep,

    [JsonStringEnumMemberName("at-risk")]
    AtRisk,

    [JsonStringEnumMemberName("cant-lose-them")]
    CantLoseThem,

    [JsonStringEnumMemberName("hibernating")]
    Hibernating,

    [JsonStringEnumMemberName("lost")]
    Lost,
}
