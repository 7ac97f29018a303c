using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Members;

/// <summary>
/// A customer with something of every kind on their timeline: invited by a friend, an order with two lines (which
/// earns points, a tier and a badge), a refund, a coupon reward, a friend they invited, an inbox message, a ticket,
/// an NPS answer, an insider invitation with feedback, and a marker. An hour passes between each.
/// </summary>
internal static class TimelineStory
{
    public const string Member = "ann";
    public const string Order = "A-1001/2026";
    public const string IncidentTitle = "Your grinder order is late";
    public const string IncidentMessage = "Sorry: the grinder ships two days late. We added points to say sorry.";

    public const string Program = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":100}],
         "referral":{"referrerPoints":500,"friendPoints":200,"minFirstPurchase":20,"maxRewardsPerMonth":10},
         "rewards":[{"id":"free-coffee","name":"Free coffee","kind":"coupon","costPoints":50,"portable":true,"discountAmount":3.5}],
         "challenges":[{"id":"first-visit","name":"First visit","event":"purchase","count":1,"windowDays":30,"reward":{"points":10,"badge":"welcome"}}]}
        """;

    /// <summary>Writes the story through the API and answers the coupon code the reward issued.</summary>
    public static async Task<string> WriteAsync(TangoServer server)
    {
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"zed","email":"zed@example.com"}""")), 201);
        var zedCode = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/zed/referral"), 200))["code"]);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json($$"""
            {"id":"{{Member}}","name":"Ann Lee","email":"ann@example.com","consent":{"email":true},"referredByCode":"{{zedCode}}"}
            """)), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await server.PurchaseAsync(Member, Order, 120m, extra: """
            ,"lines":[{"sku":"beans","category":"coffee","quantity":2,"unitPrice":10},{"sku":"grinder","quantity":1,"unitPrice":100}]
            """);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await server.RefundAsync(Member, Order, 20m);
        server.Clock.Advance(TimeSpan.FromHours(1));
        var redemption = await ExpectAsync(await server.Admin.PostAsync($"/v1/members/{Member}/redemptions", Json("""{"rewardId":"free-coffee"}""")), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        var annCode = Value<string>((await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{Member}/referral"), 200))["code"]);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"bob","email":"bob@example.com","referredByCode":"{{annCode}}"}""")), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json($$"""
            {"title":"{{IncidentTitle}}","message":"{{IncidentMessage}}","affected":{"memberIds":["{{Member}}"]},"channels":["inbox"]}
            """)), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync(await server.Admin.PostAsync("/v1/tickets", Json($$"""
            {"memberId":"{{Member}}","subject":"Grinder arrived without its lid","channel":"email","priority":"normal","orderId":"{{Order}}"}
            """)), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync(await server.Admin.PostAsync("/v1/surveys/responses", Json($$"""
            {"memberId":"{{Member}}","kind":"nps","score":9,"comment":"Great beans, slow delivery"}
            """)), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync(await server.Admin.PutAsync("/v1/insiders/grinder-beta", Json("""{"name":"Grinder beta"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/invitations", Json($$"""{"memberIds":["{{Member}}"]}""")), 200);
        await ExpectAsync(await server.Admin.PostAsync($"/v1/insiders/grinder-beta/invitations/{Member}/accept", null), 200);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/grinder-beta/feedback", Json($$"""
            {"memberId":"{{Member}}","text":"Grinds evenly, a bit loud","rating":4}
            """)), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        await ExpectAsync(await server.Admin.PostAsync($"/v1/members/{Member}/markers", Json("""{"text":"Has a beagle called Otto","kind":"pet"}""")), 201);
        server.Clock.Advance(TimeSpan.FromHours(1));
        return Value<string>(redemption["coupon"]);
    }

    public static async Task<JsonArray> ItemsAsync(TangoServer server, string query = "limit=500")
    {
        var page = await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{Member}/timeline?{query}"), 200);
        return page["items"]!.AsArray();
    }
}
