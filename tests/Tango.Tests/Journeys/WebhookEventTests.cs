using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using Tango.Tests.Shared;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

/// <summary>The webhook events beyond journey messages: what happened to members, orders and points.</summary>
public sealed class WebhookEventTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Members_purchases_refunds_and_points_reach_a_subscriber_once_each_however_often_the_engine_rereads(StoreUnderTest store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(store, null, WebhookReceiver.AllowLoopback);
        Assert.Equal(200, (int)(await server.PutProgramAsync(ApiExampleProgram.Json)).StatusCode);
        var webhook = await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["*"]}""")), 201);
        receiver.Secret = Value<string>(webhook["secret"]);

        await server.JoinAsync("ana");
        await ExpectAsync(await server.Admin.PatchAsync("/v1/members/ana", Members.MemberLifecycleTests.MergePatch("""{"name":"Ana Maria"}""")), 200);
        await server.PurchaseAsync("ana", "o-1", 600m);
        await server.RefundAsync("ana", "o-1", 300m);
        await server.PurchaseAsync("bo", "o-2", 40m); // enrols bo
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/ana/redemptions", Json("""{"rewardId":"free-coffee"}""")), 201);
        // The engine rereads the last half minute on every pass; then the cursor moves past it.
        for (var pass = 0; pass < 3; pass++)
        {
            await server.RunJourneysAsync();
        }
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.RunJourneysAsync();
        await server.RunJourneysAsync();

        var received = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, "signature"));
        var types = received.Select(b => Value<string>(b["type"])).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["member.created", "member.created", "member.updated", "points.earned", "points.earned", "points.redeemed",
             "purchase.recorded", "purchase.recorded", "refund.recorded", "reward.redeemed", "tier.changed"], types);
        JsonNode Of(string type, string member) => received.Single(b => Value<string>(b["type"]) == type && Value<string>(b["data"]!["memberId"]) == member)!;
        Assert.Equal(650, Value<long>(Of("points.earned", "ana")["data"]!["points"])); // 600 + the 50 big-basket bonus
        Assert.Equal("o-1", Value<string>(Of("purchase.recorded", "ana")["data"]!["data"]!["orderId"]));
        Assert.Equal(325, Value<long>(Of("refund.recorded", "ana")["data"]!["pointsClawedBack"])); // half of 650
        Assert.Equal(40, Value<long>(Of("points.earned", "bo")["data"]!["points"]));
        Assert.Equal("silver", Value<string>(Of("tier.changed", "ana")["data"]!["to"])); // at the purchase, not at the next review
        Assert.NotNull(Of("member.created", "bo")["data"]!["enrolledBy"]);
        Assert.Equal(150, Value<long>(Of("reward.redeemed", "ana")["data"]!["pointsSpent"]));
        Assert.Equal("ana@example.com", Value<string>(Of("member.created", "ana")["data"]!["member"]!["email"]));
        var updated = received.Single(b => Value<string>(b["type"]) == "member.updated")!;
        Assert.Equal("Ana Maria", Value<string>(updated["data"]!["member"]!["name"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_subscriber_hears_only_what_it_asked_for_and_nothing_from_before_it_subscribed(StoreUnderTest store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(store, null, WebhookReceiver.AllowLoopback);
        await server.PurchaseAsync("early", "o-0", 10m);
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var webhook = await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["refund.recorded"]}""")), 201);
        receiver.Secret = Value<string>(webhook["secret"]);

        await server.PurchaseAsync("cy", "o-1", 20m);
        await server.RefundAsync("cy", "o-1", 20m);
        await server.RefundAsync("early", "o-0", 5m);
        await server.RunJourneysAsync();

        var received = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["refund.recorded", "refund.recorded"], received.Select(b => Value<string>(b["type"])));
        Assert.Equal(["cy", "early"], received.Select(b => Value<string>(b["data"]!["memberId"])).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_qualified_referral_and_a_completed_challenge_are_announced_with_the_purchase_that_made_them(StoreUnderTest store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(store, null, WebhookReceiver.AllowLoopback);
        Assert.Equal(200, (int)(await server.PutProgramAsync(ApiExampleProgram.Json)).StatusCode);
        var webhook = await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json(
            $$"""{"url":"{{receiver.Url}}","events":["referral.qualified","challenge.completed"]}""")), 201);
        receiver.Secret = Value<string>(webhook["secret"]);
        await server.JoinAsync("rita");
        var code = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/rita/referral"), 200))["code"]);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"finn","email":"finn@example.com","referredByCode":"{{code}}"}""")), 201);

        foreach (var order in new[] { "f-1", "f-2", "f-3" })
        {
            await server.PurchaseAsync("finn", order, 30m);
        }
        await server.RunJourneysAsync();

        var received = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["challenge.completed", "referral.qualified"], received.Select(b => Value<string>(b["type"])).Order(StringComparer.Ordinal));
        var referral = received.Single(b => Value<string>(b["type"]) == "referral.qualified")["data"]!;
        Assert.Equal("rita", Value<string>(referral["referrerId"]));
        Assert.Equal("finn", Value<string>(referral["friendId"]));
        Assert.Equal(500, Value<long>(referral["referrerPoints"]));
        var challenge = received.Single(b => Value<string>(b["type"]) == "challenge.completed")["data"]!;
        Assert.Equal("three-in-a-month", Value<string>(challenge["challengeId"]));
        Assert.Equal("regular", Value<string>(challenge["badge"]));
    }
}
