using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Operations;

/// <summary>The OpenAPI document says what the server does where a client could not guess it from the types alone.</summary>
public sealed class OpenApiRulesTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_openapi_document_states_the_shop_id_rule_the_tier_to_keep_and_the_unknown_incident_ids(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var document = await ExpectAsync(await anonymous.GetAsync("/openapi/v1.json"), 200);

        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.Contains("printable text", Description(schemas, "EventRequest", "data"), StringComparison.Ordinal);
        Assert.Contains("printable text", Description(schemas, "CreateTicketRequest", "orderId"), StringComparison.Ordinal);
        Assert.Contains("printable text", Description(schemas, "RedeemCouponRequest", "orderId"), StringComparison.Ordinal);
        Assert.Contains("printable text", Description(schemas, "RedemptionBody", "rewardId"), StringComparison.Ordinal);
        Assert.Contains("printable text", Description(schemas, "AffectedRequest", "skus"), StringComparison.Ordinal);
        Assert.True(schemas["TierView"]!["properties"]!.AsObject().ContainsKey("toKeep"), schemas["TierView"]!.ToJsonString());
        Assert.Contains("nobody was told", Description(schemas, "IncidentCreated", "unknownMemberIds"), StringComparison.Ordinal);
    }

    private static string Description(JsonObject schemas, string schema, string property)
    {
        var node = schemas[schema]?["properties"]?[property];
        Assert.True(node is not null, $"{schema}.{property} is not in the document: {schemas[schema]?.ToJsonString()}");
        return node!["description"]?.GetValue<string>() ?? $"(no description: {node.ToJsonString()})";
    }
}
