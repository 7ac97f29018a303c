using Tango.Tests.Harness;
using Tango.Tests.Shared;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Rewards;

public sealed class RewardExportTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_members_export_holds_their_tier_history_coupon_uses_and_surprise_draws(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        Assert.Equal(200, (int)(await server.PutProgramAsync(ApiExampleProgram.Json)).StatusCode);
        await server.PurchaseAsync("ann", "o-1", 600m); // silver
        await server.ReviewTiersAsync();                 // records the move
        var batch = await server.PostAsync("/v1/coupons/batches", """{"count":1,"discount":{"amount":5},"memberId":"ann"}""", 201);
        var code = Value<string>((await ExpectAsync(await server.Admin.GetAsync($"/v1/coupons/batches/{Value<string>(batch["batchId"])}/codes"), 200))["items"]![0]!["code"]);
        await server.PostAsync("/v1/coupons:redeem", $$"""{"code":"{{code}}","memberId":"ann","orderId":"o-2","orderTotal":30}""", 200);
        await server.PostAsync("/v1/members/ann/surprises:draw", """{"occasion":"visit-1"}""", 200);

        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/export"), 200);

        Assert.Equal("silver", Value<string>(Assert.Single(export["tierChanges"]!.AsArray())!["to"]));
        var use = Assert.Single(export["couponUses"]!.AsArray())!;
        Assert.Equal(code, Value<string>(use["code"]));
        Assert.Equal(5m, Value<decimal>(use["discount"]));
        Assert.Equal("visit-1", Value<string>(Assert.Single(export["surprises"]!.AsArray())!["occasion"]));
    }
}
