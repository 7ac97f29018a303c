using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tango.Tests.Harness;
using Tango.Tiers;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Rewards;

/// <summary>Intentions for the tier, reward, coupon and simulation tests: buy at an instant, review tiers, read a member.</summary>
internal static class RewardFixtures
{
    /// <summary>The API example's tiers and rewards, one point per EUR, and nothing else that earns.</summary>
    public const string TieredProgram = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
         "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":500,"multiplier":1.25},
                  {"id":"gold","name":"Gold","minSpend":1500,"multiplier":1.5}],
         "tierPolicy":{"metric":"spend","windowMonths":12,"downgradeGraceMonths":3}}
        """;

    public static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A purchase at <paramref name="at"/> (the server's clock when left out).</summary>
    public static async Task<JsonObject> BuyAsync(this TangoServer server, string member, string order, decimal total, DateTimeOffset? at = null,
        string lines = "")
    {
        var occurred = Instant(at ?? server.Clock.GetUtcNow());
        var json = $$$"""{"type":"purchase","memberId":"{{{member}}}","occurredAt":"{{{occurred}}}","data":{"orderId":"{{{order}}}","total":{{{Money(total)}}}{{{lines}}}}}""";
        return await ExpectAsync(await server.PostEventAsync(json), 200);
    }

    public static async Task<JsonObject> ReturnAsync(this TangoServer server, string member, string order, decimal amount, DateTimeOffset? at = null)
    {
        var occurred = Instant(at ?? server.Clock.GetUtcNow());
        var json = $$$"""{"type":"refund","memberId":"{{{member}}}","occurredAt":"{{{occurred}}}","data":{"orderId":"{{{order}}}","amount":{{{Money(amount)}}}}}""";
        return await ExpectAsync(await server.PostEventAsync(json), 200);
    }

    public static Task ReviewTiersAsync(this TangoServer server) =>
        server.Services.GetServices<IHostedService>().OfType<TierReviewWorker>().Single().RunOnceAsync(CancellationToken.None);

    public static async Task<JsonObject> TierAsync(this TangoServer server, string member) =>
        await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{member}/tier"), 200);

    public static async Task<string?> StoredTierAsync(this TangoServer server, string member) =>
        (await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{member}"), 200))["tier"]?.GetValue<string>();

    public static async Task<JsonObject> PostAsync(this TangoServer server, string path, string json, int status, HttpClient? client = null) =>
        await ExpectAsync(await (client ?? server.Admin).PostAsync(path, Json(json)), status);
}
