using System.Text.Json.Serialization;

namespace Tango.Domain.Analytics.Cohorts;

/// <summary>
/// The length of a cohort and of a retention step: calendar months, or ISO weeks (Monday to Sunday).
/// JSON holds the API value whatever the serializer options.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CohortPeriod>))]
public enum CohortPeriod
{
    [JsonStringEnumMemberName("month")]
    Month,

    [JsonStringEnumMemberName("week")]
    Week,
}
