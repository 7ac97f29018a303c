using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Ledger;

public sealed class PendingPointsTests
{
    private const string Program = """
        {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down","pendingDays":14},
         "rewards":[{"id":"tote","name":"Tote bag","kind":"product","costPoints":80,"portable":false}]}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Points_stay_pending_through_the_return_window_and_cannot_be_spent_until_it_ends(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        var purchase = await server.PurchaseAsync("ann", "o-1", 100m);

        Assert.Equal(100, Value<long>(purchase["pointsEarned"]));
        var balance = await server.BalanceAsync("ann");
        Assert.Equal(100, Value<long>(balance["points"]));
        Assert.Equal(100, Value<long>(balance["pendingPoints"]));
        var refused = await ExpectProblemAsync(await server.Admin.PostAsync("/v1/members/ann/redemptions", Json("""{"points":50}""")), 409);
        Assert.EndsWith("insufficient-points", Value<string>(refused["type"]), StringComparison.Ordinal);
        Assert.Contains("100 of them pending", Value<string>(refused["detail"]), StringComparison.Ordinal);
        var catalog = await ExpectAsync(await server.Admin.GetAsync("/v1/rewards?memberId=ann"), 200);
        var tote = catalog["items"]!.AsArray().Single(i => Value<string>(i!["id"]) == "tote")!;
        Assert.False(Value<bool>(tote["mayTake"]));

        server.Clock.Advance(TimeSpan.FromDays(14));

        Assert.Equal(0, Value<long>((await server.BalanceAsync("ann"))["pendingPoints"]));
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/ann/redemptions", Json("""{"rewardId":"tote"}""")), 201);
        Assert.Equal(20, Value<long>((await server.BalanceAsync("ann"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Only_the_points_out_of_their_window_can_be_spent_while_newer_ones_are_pending(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        await server.PurchaseAsync("bob", "o-1", 60m);
        server.Clock.Advance(TimeSpan.FromDays(10));
        await server.PurchaseAsync("bob", "o-2", 40m);
        server.Clock.Advance(TimeSpan.FromDays(5)); // o-1 is out of its window, o-2 is not

        var balance = await server.BalanceAsync("bob");
        Assert.Equal(100, Value<long>(balance["points"]));
        Assert.Equal(40, Value<long>(balance["pendingPoints"]));
        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/members/bob/redemptions", Json("""{"points":61}""")), 409);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/bob/redemptions", Json("""{"points":60}""")), 201);

        balance = await server.BalanceAsync("bob");
        Assert.Equal(40, Value<long>(balance["points"]));
        Assert.Equal(40, Value<long>(balance["pendingPoints"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_spend_takes_unlocked_points_even_when_an_older_lot_is_still_pending(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        await server.PurchaseAsync("eve", "o-1", 100m); // the older lot, pending for 14 days
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/eve/adjustments", Json("""{"points":50,"reason":"goodwill"}""")), 201);

        await ExpectAsync(await server.Admin.PostAsync("/v1/members/eve/redemptions", Json("""{"points":50}""")), 201);

        var balance = await server.BalanceAsync("eve");
        Assert.Equal(100, Value<long>(balance["points"]));
        Assert.Equal(100, Value<long>(balance["pendingPoints"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_return_inside_the_window_takes_back_the_pending_points_of_its_order(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        await server.PurchaseAsync("cy", "o-1", 100m);
        server.Clock.Advance(TimeSpan.FromDays(3));

        var refund = await server.RefundAsync("cy", "o-1", 100m);

        Assert.Equal(-100, Value<long>(refund["pointsEarned"]));
        var balance = await server.BalanceAsync("cy");
        Assert.Equal(0, Value<long>(balance["points"]));
        Assert.Equal(0, Value<long>(balance["pendingPoints"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Without_pendingDays_earned_points_can_be_spent_at_once(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program.Replace(",\"pendingDays\":14", "", StringComparison.Ordinal)), 200);
        await server.PurchaseAsync("di", "o-1", 100m);

        Assert.Equal(0, Value<long>((await server.BalanceAsync("di"))["pendingPoints"]));
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/di/redemptions", Json("""{"points":100}""")), 201);
    }
}
