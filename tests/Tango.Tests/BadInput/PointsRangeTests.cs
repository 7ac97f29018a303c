using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tango.Store.Infrastructure;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// The 64-bit edges: points amounts are bounded at the edge (±10^12), a balance never overflows (the write is refused
/// with a problem and changes nothing), and totals over many balances are summed in a wider type.
/// </summary>
public sealed class PointsRangeTests
{
    /// <summary>10^8 points per unit spent, so a purchase of 10^9 earns 10^17 points.</summary>
    private const string HugeProgram = """
        {"currency":"EUR","earning":{"pointsPerUnit":1000000,"rounding":"down","rules":[{"id":"all","multiplier":100}]}}
        """;

    private const long PerBigPurchase = 100_000_000_000_000_000;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Adjustments_at_the_int64_edges_are_a_422_naming_points_and_change_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        await server.PurchaseAsync("ann", "o-1", 40);

        foreach (var points in new[] { "-9223372036854775808", "9223372036854775807", "-1000000000001", "1000000000001", "9223372036854775808" })
        {
            var response = await server.Admin.PostAsync("/v1/members/ann/adjustments", Json($$"""{"points":{{points}},"reason":"edge"}"""));
            await ExpectProblemAsync(response, 422, "points");
        }
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/ann/adjustments", Json("""{"points":-40,"reason":"edge"}""")), 201);
        Assert.Equal(0, Value<long>((await server.BalanceAsync("ann"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_or_adjustment_that_would_overflow_a_balance_is_a_409_and_the_balance_stays(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(HugeProgram), 200);
        await BuyAsync(server, "ann", 92);
        // 233,720,368 × 10^8 takes the balance to 9,223,372,036,800,000,000: 54,775,807 short of the largest long.
        await server.PurchaseAsync("ann", "top-up", 233_720_368m);
        const long full = 9_223_372_036_800_000_000;

        var purchase = await server.PostEventAsync("""{"type":"purchase","memberId":"ann","data":{"orderId":"one-more","total":1}}""");
        var adjustment = await server.Admin.PostAsync("/v1/members/ann/adjustments", Json("""{"points":100000000,"reason":"too much"}"""));

        Assert.Equal("urn:tango:problem:out-of-range", Value<string>((await ExpectProblemAsync(purchase, 409))["type"]));
        Assert.Equal("urn:tango:problem:out-of-range", Value<string>((await ExpectProblemAsync(adjustment, 409))["type"]));
        Assert.Equal(full, Value<long>((await server.BalanceAsync("ann"))["points"]));
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/ann/adjustments", Json("""{"points":54775807,"reason":"to the top"}""")), 201);
        Assert.Equal(long.MaxValue, Value<long>((await server.BalanceAsync("ann"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Analytics_and_verify_sum_balances_beyond_int64(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(HugeProgram), 200);
        await BuyAsync(server, "ann", 60);
        await BuyAsync(server, "bob", 60);

        await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        var overview = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/overview"), 200);

        Assert.Equal(120m * PerBigPurchase, Value<decimal>(overview["pointsLiability"]));
        Assert.Empty(await server.VerifyAsync());

        // A store whose lines no longer add up to the balance, by more than 64 bits hold: verify names it, it does not fail.
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO ledger_lines (tenant_id, member_id, at, account, amount, kind, reason)
                SELECT tenant_id, member_id, at, account, amount, kind, reason FROM ledger_lines WHERE member_id = 'ann'
                """);
        }
        var problems = await server.VerifyAsync();
        var expected = (120m * PerBigPurchase).ToString(CultureInfo.InvariantCulture);
        Assert.Contains(problems, p => p.Contains("/ann: balance", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary><paramref name="count"/> purchases of 10^9, each earning 10^17 points, in one batch.</summary>
    private static async Task BuyAsync(TangoServer server, string memberId, int count)
    {
        var items = Enumerable.Range(1, count).Select(i =>
            $$$"""{"idempotencyKey":"{{{memberId}}}-{{{i}}}","type":"purchase","memberId":"{{{memberId}}}","data":{"orderId":"{{{memberId}}}-{{{i}}}","total":1000000000}}""");
        var results = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json("[" + string.Join(",", items) + "]")), 200))["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal(200, Value<int>(r!["status"])));
        Assert.Equal(count * PerBigPurchase, Value<long>((await server.BalanceAsync(memberId))["points"]));
    }
}
