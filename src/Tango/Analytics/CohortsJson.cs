using System.Text.Json.Nodes;

namespace Tango.Analytics;

/// <summary>The stored cohorts document holds both periods; a request asks for one.</summary>
public static class CohortsJson
{
    public static string Pick(string stored, string period)
    {
        var document = JsonNode.Parse(stored)!.AsObject();
        return new JsonObject
        {
            ["computedAt"] = document["computedAt"]?.DeepClone(),
            ["period"] = period,
            ["cohorts"] = document[period]?.DeepClone(),
        }.ToJsonString();
    }
}
