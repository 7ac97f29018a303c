using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class JourneyDefinitionTests
{
    private static readonly string s_thankYou = $$"""
        {"name":"Thanks","trigger":{"type":"first-purchase"},"holdoutPercent":10,
         "steps":[{{EmailStep("thanks", "Thank you, {{ member.firstName }}", "You bought {{ order.lines.first.sku }} for {{ order.total }}.")}}]}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_put_journey_is_saved_as_a_new_version_each_time_and_read_back_as_written(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var created = await server.PutJourneyAsync("thanks", s_thankYou);
        var updated = await server.PutJourneyAsync("thanks", s_thankYou.Replace("\"holdoutPercent\":10", "\"holdoutPercent\":20\n,\"enabled\":true"), 200);
        var read = await ExpectAsync(await server.Admin.GetAsync("/v1/journeys/thanks"), 200);
        var list = await ExpectAsync(await server.Admin.GetAsync("/v1/journeys"), 200);

        Assert.Equal(1, Value<int>(created["version"]));
        Assert.False(Value<bool>(created["enabled"]));
        Assert.Equal(2, Value<int>(updated["version"]));
        Assert.True(Value<bool>(read["enabled"]));
        Assert.Equal(20, Value<decimal>(read["definition"]!["holdoutPercent"]));
        Assert.Equal("first-purchase", Value<string>(read["definition"]!["trigger"]!["type"]));
        Assert.Null(read["definition"]!["enabled"]);
        Assert.Equal("thanks", Value<string>(Assert.Single(list["items"]!.AsArray())!["key"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_journey_list_pages_by_key_with_limit_and_cursor(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        foreach (var key in new[] { "c-thanks", "a-thanks", "b-thanks" })
        {
            await server.PutJourneyAsync(key, s_thankYou);
        }

        var first = await ExpectAsync(await server.Admin.GetAsync("/v1/journeys?limit=2"), 200);
        var cursor = Value<string>(first["nextCursor"]);
        var second = await ExpectAsync(await server.Admin.GetAsync($"/v1/journeys?limit=2&cursor={cursor}"), 200);

        Assert.Equal(["a-thanks", "b-thanks"], first["items"]!.AsArray().Select(j => Value<string>(j!["key"])));
        Assert.Equal(["c-thanks"], second["items"]!.AsArray().Select(j => Value<string>(j!["key"])));
        Assert.Null(second["nextCursor"]);
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/journeys?limit=0"), 422, "limit");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/journeys?cursor=%%%"), 422, "cursor");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_broken_journey_is_refused_naming_every_broken_field_and_nothing_is_saved(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PutAsync("/v1/journeys/cart", Json("""
            {"name":"Cart","trigger":{"type":"cart-abandoned"},"holdoutPercent":80,
             "quietHours":{"start":"21:00","end":"25:00"},"frequencyCap":{"max":0},
             "steps":[{"id":"remind","type":"send","channel":"email","subject":"Hi","template":"Your cart: {{ cart.totl }} {{ order.id }} {{ cart.total | shout }}"},
                      {"id":"check","type":"branch","if":{"purchased":true},"then":"nowhere","else":"exit"},
                      {"id":"pause","type":"wait","duration":"P1M"},
                      {"id":"gift","type":"grant","points":0,"channel":"email"}]}
            """));
        var unknownField = await server.Admin.PutAsync("/v1/journeys/cart", Json("""{"name":"Cart","trigger":{"type":"purchase"},"steps":[],"colour":"red"}"""));
        var badKey = await server.Admin.PutAsync("/v1/journeys/Ready%20Made", Json(s_thankYou));

        var problem = await ExpectProblemAsync(response, 422, "trigger.delay");
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "holdoutPercent", "quietHours.end", "frequencyCap.max", "frequencyCap.perDays", "steps[0].template",
                     "steps[1].then", "steps[2].duration", "steps[3].points", "steps[3].channel" })
        {
            Assert.True(errors.ContainsKey(field), $"{field} missing from {errors.ToJsonString()}");
        }
        var template = string.Join(" ", errors["steps[0].template"]!.AsArray().Select(m => Value<string>(m)));
        Assert.Contains("'cart.totl'", template, StringComparison.Ordinal);
        Assert.Contains("'order'", template, StringComparison.Ordinal);
        Assert.Contains("'shout'", template, StringComparison.Ordinal);
        await ExpectProblemAsync(unknownField, 422, "colour");
        await ExpectProblemAsync(badKey, 422, "key");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/journeys/cart"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_ready_made_journey_is_switched_on_by_its_key_and_off_again(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var readyMade = await ExpectAsync(await server.Admin.GetAsync("/v1/journeys/ready-made"), 200);
        var on = await ExpectAsync(await server.Admin.PostAsync("/v1/journeys/abandoned-cart/enable", null), 201);
        var off = await ExpectAsync(await server.Admin.PostAsync("/v1/journeys/abandoned-cart/disable", null), 200);
        var unknown = await server.Admin.PostAsync("/v1/journeys/no-such-journey/enable", null);
        var reader = server.Client(await server.CreateKeyAsync("default", Store.Tenants.Role.Read));
        var forbidden = await reader.PostAsync("/v1/journeys/birthday/enable", null);

        var keys = readyMade["items"]!.AsArray().Select(i => Value<string>(i!["key"])).ToList();
        Assert.Contains("birthday", keys);
        Assert.Contains("service-recovery", keys);
        Assert.True(Value<bool>(on["enabled"]));
        Assert.Equal("cart-abandoned", Value<string>(on["definition"]!["trigger"]!["type"]));
        Assert.False(Value<bool>(off["enabled"]));
        await ExpectProblemAsync(unknown, 404);
        Assert.Equal(403, (int)forbidden.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_journey_message_webhook_and_incident_endpoints_appear_in_the_openapi_document(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var paths = (await ExpectAsync(await anonymous.GetAsync("/openapi/v1.json"), 200))["paths"]!.AsObject();

        foreach (var path in new[] { "/v1/journeys", "/v1/journeys/{key}", "/v1/journeys/{key}/report", "/v1/journeys/{key}/enable",
                     "/v1/journey-settings", "/v1/members/{id}/inbox", "/v1/webhooks", "/v1/webhooks/{webhookId}/deliveries", "/v1/incidents",
                     "/v1/incidents/{incidentId}", "/v1/unsubscribe/{token}" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }
    }
}
