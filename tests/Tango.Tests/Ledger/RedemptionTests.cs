using System.Net;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Ledger;

public sealed class RedemptionTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Fifty_concurrent_redemptions_from_two_clients_never_overdraw(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("ida", "o-1", 1000m); // 1000 points: room for exactly 20 redemptions of 50
        using var one = server.Client(AdminKey);
        using var two = server.Client(AdminKey);

        var attempts = Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? one : two).PostAsync("/v1/members/ida/redemptions", Json("""{"points":50}""")));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await ExpectProblemAsync(refused, 409);
            Assert.EndsWith("insufficient-points", Value<string>(problem["type"]), StringComparison.Ordinal);
        }
        var ledger = await server.LedgerAsync("ida");
        Assert.Equal(0, Value<long>((await server.BalanceAsync("ida"))["points"]));
        Assert.Equal(0, ledger.Where(l => Value<string>(l!["account"]) == "points").Sum(l => Value<long>(l!["amount"])));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Cancelling_a_redemption_gives_the_points_back_once(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("jon", "o-1", 200m);
        var redemption = await ExpectAsync(await server.Admin.PostAsync("/v1/members/jon/redemptions", Json("""{"points":150}""")), 201);
        var id = Value<string>(redemption["redemptionId"]);

        await ExpectAsync(await server.Admin.PostAsync($"/v1/redemptions/{id}/cancel", null), 200);
        var twice = await server.Admin.PostAsync($"/v1/redemptions/{id}/cancel", null);

        await ExpectProblemAsync(twice, 409);
        Assert.Equal(200, Value<long>((await server.BalanceAsync("jon"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Redeeming_a_coupon_reward_spends_its_cost_and_issues_a_code(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
             "rewards":[{"id":"free-coffee","name":"Free coffee","kind":"coupon","costPoints":150,"portable":true}]}
            """), 200);
        await server.PurchaseAsync("kim", "o-1", 200m);

        var redemption = await ExpectAsync(await server.Admin.PostAsync("/v1/members/kim/redemptions", Json("""{"rewardId":"free-coffee"}""")), 201);
        var tooFew = await server.Admin.PostAsync("/v1/members/kim/redemptions", Json("""{"rewardId":"free-coffee"}"""));

        Assert.Equal(150, Value<long>(redemption["pointsSpent"]));
        Assert.Matches("^TG-[A-Z2-9]{5}-[A-Z2-9]{5}$", Value<string>(redemption["coupon"]));
        await ExpectProblemAsync(tooFew, 409);
        Assert.Equal(50, Value<long>((await server.BalanceAsync("kim"))["points"]));
    }
}
