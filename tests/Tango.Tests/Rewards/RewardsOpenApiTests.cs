using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Rewards;

public sealed class RewardsOpenApiTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_tier_reward_coupon_and_simulation_endpoints_appear_in_the_openapi_document(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var document = await ExpectAsync(await anonymous.GetAsync("/openapi/v1.json"), 200);

        var paths = document["paths"]!.AsObject();
        var expected = new Dictionary<string, (string Method, string Tag)>
        {
            ["/v1/members/{id}/tier"] = ("get", "Tiers"),
            ["/v1/members/{id}/tier/changes"] = ("get", "Tiers"),
            ["/v1/rewards"] = ("get", "Rewards"),
            ["/v1/members/{id}/surprises:draw"] = ("post", "Rewards"),
            ["/v1/surprises/report"] = ("get", "Rewards"),
            ["/v1/coupons/batches"] = ("post", "Coupons"),
            ["/v1/coupons/batches/{batchId}/codes"] = ("get", "Coupons"),
            ["/v1/coupons:validate"] = ("post", "Coupons"),
            ["/v1/coupons:redeem"] = ("post", "Coupons"),
            ["/v1/program:simulate"] = ("post", "Program"),
        };
        foreach (var (path, (method, tag)) in expected)
        {
            Assert.True(paths.ContainsKey(path), path);
            Assert.Contains(tag, paths[path]![method]!["tags"]!.AsArray().Select(t => Value<string>(t)));
        }
    }
}
