using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using Tango.Tests.Shared;
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
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_batch_writes_the_lines_lots_balances_and_answers_that_one_by_one_would(StoreUnderTest store)
    {
        // Rules, cashback, expiry and tiers, a member whose first purchases pay off a debt, and one that earns only cashback.
        var purchases = new[]
        {
            ("ann", "a-1", """300,"lines":[{"sku":"espresso","category":"coffee","quantity":2,"unitPrice":150}]"""),
            ("bob", "b-2", "60"),
            ("ann", "a-2", "250"),
            ("cy", "c-1", "0.5"),
            ("bob", "b-3", "80"),
            ("ann", "a-3", "120"),
        };
        await using var batched = await StartAsync(store);
        await using var single = await StartAsync(store);
        foreach (var server in new[] { batched, single })
        {
            await ExpectAsync(await server.PutProgramAsync(ApiExampleProgram.Json), 200);
            await server.PurchaseAsync("bob", "b-1", 100m);
            await ExpectAsync(await server.Admin.PostAsync("/v1/members/bob/redemptions", Json("""{"points":100}""")), 201);
            await server.RefundAsync("bob", "b-1", 100m); // bob now owes the points he spent
        }
        string Event(string member, string order, string total) =>
            $$$"""{"type":"purchase","memberId":"{{{member}}}","data":{"orderId":"{{{order}}}","total":{{{total}}}}}""";

        var batch = "[" + string.Join(",", purchases.Select(p => Event(p.Item1, p.Item2, p.Item3).Insert(1, $"\"idempotencyKey\":\"{p.Item2}\","))) + "]";
        var fromBatch = (await ExpectAsync(await batched.Admin.PostAsync("/v1/events:batch", Json(batch)), 200))["results"]!.AsArray()
            .Select(r => r!["result"]!.AsObject()).ToList();
        var oneByOne = new List<JsonObject>();
        foreach (var (member, order, total) in purchases)
        {
            oneByOne.Add(await ExpectAsync(await single.PostEventAsync(Event(member, order, total), order), 200));
        }

        Assert.Equal(oneByOne.Select(WithoutIds), fromBatch.Select(WithoutIds));
        foreach (var member in new[] { "ann", "bob", "cy" })
        {
            Assert.Equal(string.Join("\n", (await single.LedgerAsync(member)).Select(WithoutIds)),
                string.Join("\n", (await batched.LedgerAsync(member)).Select(WithoutIds)));
            Assert.Equal((await single.BalanceAsync(member)).ToJsonString(), (await batched.BalanceAsync(member)).ToJsonString());
        }
        Assert.Empty(await batched.VerifyAsync());
        Assert.Empty(await single.VerifyAsync());
    }

    private static string WithoutIds(JsonNode? node)
    {
        var copy = node!.DeepClone().AsObject();
        copy.Remove("eventId");
        copy.Remove("lineId");
        copy.Remove("redemptionId");
        return copy.ToJsonString();
    }
}
