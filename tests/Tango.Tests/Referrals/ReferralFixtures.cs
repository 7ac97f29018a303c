using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Referrals;

/// <summary>Intentions for the referral and challenge tests: sign up with a code, buy (at an instant, with a card), read the referral view.</summary>
internal static class ReferralFixtures
{
    /// <summary>The API example's referral terms, one point per EUR, nothing else that earns.</summary>
    public const string ReferralProgram = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
         "referral":{"referrerPoints":500,"friendPoints":200,"minFirstPurchase":20,"maxRewardsPerMonth":10}}
        """;

    public static Task<HttpResponseMessage> SignUpAsync(this TangoServer server, string id, string? code, string? email = null, string extra = "")
    {
        var referred = code is null ? "" : $$""","referredByCode":"{{code}}" """;
        return server.Admin.PostAsync("/v1/members", Json($$"""{"id":"{{id}}","email":"{{email ?? id + "@example.com"}}"{{referred}}{{extra}}}"""));
    }

    public static async Task<JsonObject> ReferralAsync(this TangoServer server, string member) =>
        await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{member}/referral"), 200);

    public static async Task<string> CodeAsync(this TangoServer server, string member) => Value<string>((await server.ReferralAsync(member))["code"]);

    public static string PurchaseJson(string member, string order, decimal total, DateTimeOffset? at = null, string? card = null)
    {
        var data = new JsonObject { ["orderId"] = order, ["total"] = total };
        if (card is not null)
        {
            data["paymentFingerprint"] = card;
        }
        var body = new JsonObject { ["type"] = "purchase", ["memberId"] = member, ["data"] = data };
        if (at is not null)
        {
            body["occurredAt"] = Rewards.RewardFixtures.Instant(at.Value);
        }
        return body.ToJsonString();
    }

    public static async Task<JsonObject> BuyAsync(this TangoServer server, string member, string order, decimal total, DateTimeOffset? at = null,
        string? card = null, string? key = null) =>
        await ExpectAsync(await server.PostEventAsync(PurchaseJson(member, order, total, at, card), key), 200);

    public static async Task<long> PointsAsync(this TangoServer server, string member) => Value<long>((await server.BalanceAsync(member))["points"]);

    public static async Task<JsonObject> AchievementsAsync(this TangoServer server, string member) =>
        await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{member}/achievements"), 200);
}
