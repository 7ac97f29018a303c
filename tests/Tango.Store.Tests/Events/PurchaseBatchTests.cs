using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tango.Domain.Ledger;
using Tango.Store.Events;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;
using Tango.Store.Tests.Harness;
using Tango.Store.Verification;

namespace Tango.Store.Tests.Events;

/// <summary>The batched purchase path with inputs the HTTP tests cannot put in one batch for certain.</summary>
public sealed class PurchaseBatchTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Two_tenants_in_one_batch_keep_to_their_own_members_orders_and_keys(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await store.OpenMigratedAsync();
        var clock = new FakeTimeProvider(s_now);
        var purchases = new PurchaseBatch(new ProgramStore(db, clock), clock);
        await using var queue = new WriteQueue(db, new WriteQueueOptions(), NullLogger<WriteQueue>.Instance);
        // The same member id, order id and key in both tenants, and a second purchase by acme's ann.
        PurchaseInput[] inputs =
        [
            Input("acme", "ann", "o-1", 10m, "k-1"),
            Input("zeta", "ann", "o-1", 30m, "k-1"),
            Input("acme", "ann", "o-2", 5m, "k-2"),
            Input("zeta", "bob", "o-2", 7m, "k-2"),
        ];

        var answers = await queue.RunAsync(scope => purchases.RunManyAsync(scope, inputs));
        var replays = await queue.RunAsync(scope => purchases.RunManyAsync(scope, [inputs[1], inputs[0]]));

        Assert.All(answers, a => Assert.True(a.Status == 200, a.Body));
        Assert.Equal(15, await BalanceAsync(db, "acme", "ann"));
        Assert.Equal(30, await BalanceAsync(db, "zeta", "ann"));
        Assert.Equal(7, await BalanceAsync(db, "zeta", "bob"));
        Assert.All(replays, r => Assert.True(r.Replayed));
        Assert.Equal([answers[1].Body, answers[0].Body], replays.Select(r => r.Body));
        Assert.Empty(await new StoreVerifier(db).VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Purchases_of_one_member_in_one_batch_share_the_daily_earning_limit(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await store.OpenMigratedAsync();
        var clock = new FakeTimeProvider(s_now);
        var programs = new ProgramStore(db, clock);
        var purchases = new PurchaseBatch(programs, clock);
        await using var queue = new WriteQueue(db, new WriteQueueOptions(), NullLogger<WriteQueue>.Instance);
        var limited = new Domain.Programs.ProgramDocument { Earning = new() { Limits = new() { PerDay = 100 } } };
        await queue.RunAsync(scope => programs.SaveAsync(scope, "acme", limited));
        PurchaseInput[] inputs =
        [
            Input("acme", "ann", "o-1", 60m, "k-1"),
            Input("acme", "ann", "o-2", 60m, "k-2"),
            Input("acme", "ann", "o-3", 60m, "k-3"),
            Input("acme", "bob", "o-4", 60m, "k-4"),
        ];

        var answers = await queue.RunAsync(scope => purchases.RunManyAsync(scope, inputs));

        Assert.Equal([60L, 40L, 0L, 60L], answers.Select(a => System.Text.Json.Nodes.JsonNode.Parse(a.Body)!["pointsEarned"]!.GetValue<long>()));
        Assert.Equal(100, await BalanceAsync(db, "acme", "ann"));
        await using var connection = await db.OpenConnectionAsync();
        var withheld = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ledger_lines WHERE tenant_id = 'acme' AND member_id = 'ann' AND rule_id = @rule",
            new { rule = EarningCaps.PerDayRule });
        Assert.Equal(2, withheld);
        // Each purchase's lot sits on a line that added points, never on the withheld one.
        var lotsOnCuts = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM point_lots p JOIN ledger_lines l ON l.line_id = p.lot_id WHERE l.amount < 0");
        Assert.Equal(0, lotsOnCuts);
        Assert.Empty(await new StoreVerifier(db).VerifyAsync());
    }

    private static PurchaseInput Input(string tenant, string member, string order, decimal total, string key)
    {
        var data = $$"""{"orderId":"{{order}}","total":{{total.ToString(CultureInfo.InvariantCulture)}}}""";
        var command = new EventCommand(tenant, member, "purchase", s_now, data,
            Purchase: new PurchaseCommand(order, new Purchase(total, [], null, s_now), null));
        return new PurchaseInput(command, new IdempotencyKey(tenant, key, "hash-" + tenant + order, s_now));
    }

    private static async Task<long> BalanceAsync(Database db, string tenant, string member)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT points_balance FROM members WHERE tenant_id = @tenant AND member_id = @member", new { tenant, member });
    }
}
