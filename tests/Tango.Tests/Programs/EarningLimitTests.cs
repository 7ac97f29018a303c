using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Programs;

public sealed class EarningLimitTests
{
    // The test clock starts at 10:00 UTC on Monday 23 November 2026: 23:00 that day in Auckland (UTC+13).
    private const string Program = """
        {"currency":"NZD","timeZone":"Pacific/Auckland","earning":{"pointsPerUnit":1,"rounding":"down","limits":{"perDay":100,"perMonth":250}}}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task What_goes_over_the_daily_limit_is_withheld_on_its_own_line_and_the_next_local_day_earns_again(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);

        Assert.Equal(80, Value<long>((await server.PurchaseAsync("ann", "o-1", 80m))["pointsEarned"]));
        var over = await server.PurchaseAsync("ann", "o-2", 50m);

        Assert.Equal(20, Value<long>(over["pointsEarned"]));
        var cut = Assert.Single(over["breakdown"]!.AsArray(), c => c!["ruleId"]?.GetValue<string>() == "earning.limits.perDay")!;
        Assert.Equal(-30, Value<long>(cut["points"]));
        Assert.Contains("daily limit of 100 points", Value<string>(cut["reason"]), StringComparison.Ordinal);
        var lines = (await server.LedgerAsync("ann")).Where(l => Value<string>(l!["orderId"]) == "o-2").ToList();
        Assert.Equal(20, lines.Sum(l => Value<long>(l!["amount"])));

        server.Clock.Advance(TimeSpan.FromHours(2)); // still Monday in UTC, already Tuesday in Auckland
        Assert.Equal(50, Value<long>((await server.PurchaseAsync("ann", "o-3", 50m))["pointsEarned"]));
        Assert.Equal(50, Value<long>((await server.PurchaseAsync("ann", "o-4", 100m))["pointsEarned"]));

        server.Clock.Advance(TimeSpan.FromDays(1)); // 200 earned this month: 50 of the monthly 250 left
        var monthly = await server.PurchaseAsync("ann", "o-5", 90m);
        Assert.Equal(50, Value<long>(monthly["pointsEarned"]));
        Assert.Contains(monthly["breakdown"]!.AsArray(), c => c!["ruleId"]?.GetValue<string>() == "earning.limits.perMonth");
        Assert.Equal(250, Value<long>((await server.BalanceAsync("ann"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Purchases_of_one_batch_share_the_member_s_daily_room(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        var batch = """
            [
              {"idempotencyKey":"b-1","type":"purchase","memberId":"bo","data":{"orderId":"b-o1","total":60}},
              {"idempotencyKey":"b-2","type":"purchase","memberId":"bo","data":{"orderId":"b-o2","total":60}},
              {"idempotencyKey":"b-3","type":"purchase","memberId":"bo","data":{"orderId":"b-o3","total":60}},
              {"idempotencyKey":"b-4","type":"purchase","memberId":"cy","data":{"orderId":"c-o1","total":60}}
            ]
            """;

        var results = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(batch)), 200))["results"]!.AsArray();

        Assert.Equal([60L, 40L, 0L, 60L], results.Select(r => Value<long>(r!["result"]!["pointsEarned"])));
        Assert.Equal(100, Value<long>((await server.BalanceAsync("bo"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_gives_its_room_back_and_adjustments_take_none(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(Program), 200);
        await server.EnrolAsync("di");
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/di/adjustments",
            Json("""{"points":500,"reason":"welcome gift"}""")), 201);

        Assert.Equal(100, Value<long>((await server.PurchaseAsync("di", "o-1", 100m))["pointsEarned"]));
        await server.RefundAsync("di", "o-1", 100m);
        Assert.Equal(100, Value<long>((await server.PurchaseAsync("di", "o-2", 100m))["pointsEarned"]));
        Assert.Equal(0, Value<long>((await server.PurchaseAsync("di", "o-3", 10m))["pointsEarned"]));
        Assert.Equal(600, Value<long>((await server.BalanceAsync("di"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }
}
