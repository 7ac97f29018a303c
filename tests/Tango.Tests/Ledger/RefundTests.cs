using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Ledger;

public sealed class RefundTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Refund_of_half_an_order_claws_back_half_its_points_and_sending_it_again_changes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":2,"rounding":"down"},"cashback":{"percent":10}}""");
        var earned = await server.PurchaseAsync("cleo", "o-7", 150m);
        Assert.Equal(300, Value<long>(earned["pointsEarned"]));

        var refund = await server.RefundAsync("cleo", "o-7", 75m, key: "refund-o-7-1");
        var again = await server.PostEventAsync("""{"type":"refund","memberId":"cleo","data":{"orderId":"o-7","amount":75}}""", "refund-o-7-1");

        Assert.Equal(-150, Value<long>(refund["pointsEarned"]));
        Assert.Equal(-7.5m, Value<decimal>(refund["walletEarned"]));
        Assert.Equal(refund.ToJsonString(), (await ExpectAsync(again, 200)).ToJsonString());
        var balance = await server.BalanceAsync("cleo");
        Assert.Equal(150, Value<long>(balance["points"]));
        Assert.Equal(7.5m, Value<decimal>(balance["wallet"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Two_half_refunds_take_back_exactly_what_the_order_earned_and_no_more(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("dan", "o-1", 33m);

        var a = await server.RefundAsync("dan", "o-1", 16.5m);
        var b = await server.RefundAsync("dan", "o-1", 16.5m);
        var over = await server.PostEventAsync("""{"type":"refund","memberId":"dan","data":{"orderId":"o-1","amount":0.01}}""");

        Assert.Equal(-33, Value<long>(a["pointsEarned"]) + Value<long>(b["pointsEarned"]));
        await ExpectProblemAsync(over, 409, "data.amount");
        Assert.Equal(0, Value<long>((await server.BalanceAsync("dan"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_with_a_refund_id_is_applied_once_even_under_a_new_key(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("eve", "o-1", 100m);
        var body = """{"type":"refund","memberId":"eve","data":{"orderId":"o-1","amount":50,"refundId":"r-1"}}""";

        await ExpectAsync(await server.PostEventAsync(body, "k-1"), 200);
        var second = await server.PostEventAsync(body, "k-2");

        await ExpectProblemAsync(second, 409);
        Assert.Equal(50, Value<long>((await server.BalanceAsync("eve"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_of_points_already_spent_leaves_a_debt_that_new_points_pay_first(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("fay", "o-1", 100m);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/fay/redemptions", Json("""{"points":100}""")), 201);

        await server.RefundAsync("fay", "o-1", 100m);
        Assert.Equal(-100, Value<long>((await server.BalanceAsync("fay"))["points"]));
        await server.PurchaseAsync("fay", "o-2", 150m);

        var balance = await server.BalanceAsync("fay");
        Assert.Equal(50, Value<long>(balance["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_for_an_order_the_member_does_not_have_is_a_404_naming_the_order(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("gus", "o-1", 10m);
        await server.PurchaseAsync("hal", "o-2", 10m);

        var response = await server.PostEventAsync("""{"type":"refund","memberId":"gus","data":{"orderId":"o-2","amount":5}}""");

        await ExpectProblemAsync(response, 404, "data.orderId");
        Assert.Equal(10, Value<long>((await server.BalanceAsync("hal"))["points"]));
    }
}
