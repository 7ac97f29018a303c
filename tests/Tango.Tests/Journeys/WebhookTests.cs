using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class WebhookTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_receiver_that_fails_three_times_gets_the_same_signed_delivery_until_it_succeeds_and_every_attempt_is_recorded(
        StoreUnderTest store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
        await using var server = await StartAsync(store, null, WebhookReceiver.AllowLoopback);
        var webhook = await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["journey.message"]}""")), 201);
        receiver.Secret = Value<string>(webhook["secret"]);
        await server.JoinAsync("sam");
        await server.PutJourneyAsync("to-crm", """
            {"name":"To the CRM","enabled":true,"trigger":{"type":"purchase"},
             "steps":[{"id":"call","type":"send","channel":"webhook","subject":"Call {{ member.name }}","template":"Bought {{ order.id }}"}]}
            """);
        await server.BuyAsync("sam", "o-7");

        // Retries double from 30 s: the clock moves just past each one.
        foreach (var wait in new[] { 0, 30, 60, 120, 240 })
        {
            server.Clock.Advance(TimeSpan.FromSeconds(wait));
            await server.RunJourneysAsync();
        }
        var deliveries = await ExpectAsync(await server.Admin.GetAsync($"/v1/webhooks/{Value<string>(webhook["webhookId"])}/deliveries"), 200);

        Assert.StartsWith("whsec_", receiver.Secret, StringComparison.Ordinal);
        var requests = receiver.Requests.ToList();
        Assert.Equal([500, 500, 500, 204], requests.Select(r => r.Answered));
        Assert.All(requests, r => Assert.True(r.SignatureValid, "signature"));
        Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.Single(requests.Select(r => r.Body).Distinct());
        Assert.Equal(4, requests.Select(r => r.Timestamp).Distinct().Count());
        var body = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal("journey.message", Value<string>(body["type"]));
        Assert.Equal("Call Sam Example", Value<string>(body["data"]!["subject"]));
        Assert.Equal("Bought o-7", Value<string>(body["data"]!["body"]));
        var delivery = Assert.Single(deliveries["items"]!.AsArray())!;
        Assert.Equal(requests[0].Id, Value<string>(delivery["deliveryId"]));
        Assert.Equal("delivered", Value<string>(delivery["status"]));
        Assert.Equal([500, 500, 500, 204], delivery["attemptLog"]!.AsArray().Select(a => Value<int>(a!["statusCode"])));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_webhook_subscription_is_refused_naming_its_broken_fields(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.PostAsync("/v1/webhooks", Json("""{"url":"ftp://example.com/hook","events":["journey.message","points.spent"]}"""));

        var problem = await ExpectProblemAsync(response, 422, "url");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("events[1]"));
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/webhooks"), 200))["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Without_leave_a_webhook_may_not_reach_loopback_whether_named_outright_or_through_a_name_that_resolves_there(StoreUnderTest store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(store);
        var port = new Uri(receiver.Url).Port;

        var outright = await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["*"]}"""));
        var named = await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"http://localhost:{{port}}/hook","events":["*"]}"""));
        // A name the check at registration cannot judge without a lookup: refused when the delivery connects.
        var webhook = await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks",
            Json($$"""{"url":"http://{{System.Net.Dns.GetHostName()}}:{{port}}/hook","events":["member.created"]}""")), 201);
        await server.JoinAsync("ann");
        await server.RunJourneysAsync();

        await ExpectProblemAsync(outright, 422, "url");
        await ExpectProblemAsync(named, 422, "url");
        Assert.Empty(receiver.Requests);
        var deliveries = await ExpectAsync(await server.Admin.GetAsync($"/v1/webhooks/{Value<string>(webhook["webhookId"])}/deliveries"), 200);
        var attempt = Assert.Single(Assert.Single(deliveries["items"]!.AsArray())!["attemptLog"]!.AsArray())!;
        Assert.Contains("private or loopback", Value<string>(attempt["error"]), StringComparison.Ordinal);
    }

    /// <summary>IPv6 forms that carry 127.0.0.1: IPv4-compatible, IPv4-mapped, NAT64 and 6to4.</summary>
    private static string[] LoopbackInDisguise(int port) =>
    [
        $"http://[::127.0.0.1]:{port}/hook",
        $"http://[::ffff:127.0.0.1]:{port}/hook",
        $"http://[64:ff9b::7f00:1]:{port}/hook",
        $"http://[2002:7f00:1::]:{port}/hook",
    ];

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task IPv6_addresses_that_carry_a_loopback_IPv4_address_are_refused_at_registration_and_never_dialled(StoreUnderTest kind)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var store = await TestStore.CreateAsync(kind);
        var urls = LoopbackInDisguise(new Uri(receiver.Url).Port);
        var registered = new List<string>();
        // Registered while the operator allowed private addresses (or before this screening existed), then switched off.
        await using (var open = await StartOnAsync(store, Start, WebhookReceiver.AllowLoopback))
        {
            foreach (var url in urls)
            {
                var created = await ExpectAsync(await open.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{url}}","events":["member.created"]}""")), 201);
                registered.Add(Value<string>(created["webhookId"]));
            }
        }
        await using var server = await StartOnAsync(store, Start);

        foreach (var url in urls)
        {
            await ExpectProblemAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{url}}","events":["*"]}""")), 422, "url");
        }
        await server.JoinAsync("ann");
        await server.RunJourneysAsync();

        Assert.Empty(receiver.Requests);
        foreach (var webhookId in registered)
        {
            var deliveries = await ExpectAsync(await server.Admin.GetAsync($"/v1/webhooks/{webhookId}/deliveries"), 200);
            var attempt = Assert.Single(Assert.Single(deliveries["items"]!.AsArray())!["attemptLog"]!.AsArray())!;
            Assert.Contains("private or loopback", Value<string>(attempt["error"]), StringComparison.Ordinal);
        }
    }
}
