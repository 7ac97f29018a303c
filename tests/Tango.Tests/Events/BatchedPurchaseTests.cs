using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Events;

/// <summary>
/// Purchases that commit in one group share a read and a write round trip; each must still see what the
/// purchases before it in the group did, exactly as if they had been sent one by one.
/// </summary>
public sealed class BatchedPurchaseTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Purchases_in_one_batch_see_the_balance_tier_orders_and_keys_of_those_before_them(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},
             "tiers":[{"id":"bronze","name":"Bronze","minSpend":0},{"id":"silver","name":"Silver","minSpend":500,"multiplier":2}]}
            """), 200);
        var batch = """
            [
              {"idempotencyKey":"z-1","type":"purchase","memberId":"zoe","data":{"orderId":"z-o1","total":300}},
              {"idempotencyKey":"z-2","type":"purchase","memberId":"zoe","data":{"orderId":"z-o2","total":300}},
              {"idempotencyKey":"z-3","type":"purchase","memberId":"zoe","data":{"orderId":"z-o3","total":100}},
              {"idempotencyKey":"z-3","type":"purchase","memberId":"zoe","data":{"orderId":"z-o3","total":100}},
              {"idempotencyKey":"z-4","type":"purchase","memberId":"zoe","data":{"orderId":"z-o2","total":5}},
              {"idempotencyKey":"z-2","type":"purchase","memberId":"zoe","data":{"orderId":"z-o9","total":1}}
            ]
            """;

        var results = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(batch)), 200))["results"]!.AsArray();

        Assert.Equal([200, 200, 200, 200, 409, 422], results.Select(r => Value<int>(r!["status"])));
        Assert.Equal("bronze", Value<string>(results[1]!["result"]!["tier"]!["before"]));
        Assert.Equal("silver", Value<string>(results[1]!["result"]!["tier"]!["after"]));
        Assert.Equal(200, Value<long>(results[2]!["result"]!["pointsEarned"])); // Silver doubles from the third purchase on
        Assert.Equal(800, Value<long>(results[2]!["result"]!["balance"]));
        Assert.True(Value<bool>(results[3]!["replayed"]));
        Assert.Equal(results[2]!["result"]!.ToJsonString(), results[3]!["result"]!.ToJsonString());
        Assert.Equal(800, Value<long>((await server.BalanceAsync("zoe"))["points"]));
        Assert.Equal("silver", Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/zoe"), 200))["tier"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Many_concurrent_purchases_for_few_members_add_up_exactly(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var one = server.Client(AdminKey);
        using var two = server.Client(AdminKey);

        var sends = Enumerable.Range(0, 200).Select(i => server.PostEventAsync(
            $$$"""{"type":"purchase","memberId":"m-{{{i % 5}}}","data":{"orderId":"o-{{{i}}}","total":{{{i + 1}}}}}""",
            client: i % 2 == 0 ? one : two));
        var responses = await Task.WhenAll(sends);

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        for (var m = 0; m < 5; m++)
        {
            var expected = Enumerable.Range(0, 200).Where(i => i % 5 == m).Sum(i => i + 1);
            Assert.Equal(expected, Value<long>((await server.BalanceAsync($"m-{m}"))["points"]));
        }
        Assert.Empty(await server.VerifyAsync());
    }
}
