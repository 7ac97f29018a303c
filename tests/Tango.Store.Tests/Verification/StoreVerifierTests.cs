using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tango.Domain.Ledger;
using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;
using Tango.Store.Tests.Harness;
using Tango.Store.Verification;

namespace Tango.Store.Tests.Verification;

public sealed class StoreVerifierTests
{
    private const string Tenant = "acme";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task A_store_written_through_the_event_path_has_no_problems(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await WriteHistoryAsync(store);

        var verifier = new StoreVerifier(db);
        var problems = await verifier.VerifyAsync();
        var (members, lines) = await verifier.CountsAsync();

        Assert.Empty(problems);
        Assert.Equal(3, members);
        Assert.Equal(8, lines); // seven purchases and one clawback
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task A_balance_changed_behind_the_ledgers_back_is_reported(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await WriteHistoryAsync(store);
        await ExecuteAsync(db, "UPDATE members SET points_balance = points_balance + 7 WHERE tenant_id = 'acme' AND member_id = 'ann'");

        var problems = await new StoreVerifier(db).VerifyAsync();

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("acme/ann:", p, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("balance 207 points", StringComparison.Ordinal) && p.Contains("lines sum to 200", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task An_order_that_clawed_back_more_than_it_earned_is_reported(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await WriteHistoryAsync(store);
        await ExecuteAsync(db, "UPDATE orders SET points_clawed = points_earned + 1 WHERE tenant_id = 'acme' AND order_id = 'b-1'");

        var problems = await new StoreVerifier(db).VerifyAsync();

        var problem = Assert.Single(problems);
        Assert.StartsWith("acme/order b-1:", problem, StringComparison.Ordinal);
        Assert.Contains("clawed back 51 of 50 points", problem, StringComparison.Ordinal);
    }

    /// <summary>ann: 120 + 80; bob: 50 + 30 with 40 of the 80 refunded; cleo: three small orders.</summary>
    private static async Task<Database> WriteHistoryAsync(ScratchStore store)
    {
        var db = await store.OpenMigratedAsync();
        var clock = new FakeTimeProvider(s_now);
        var events = new EventWrites(new ProgramStore(db, clock), clock);
        await using var queue = new WriteQueue(db, new WriteQueueOptions(), NullLogger<WriteQueue>.Instance);

        var purchases = new (string Member, string Order, decimal Total)[]
        {
            ("ann", "a-1", 120m), ("ann", "a-2", 80.99m), ("bob", "b-1", 50m), ("bob", "b-2", 80m),
            ("cleo", "c-1", 1m), ("cleo", "c-2", 2.5m), ("cleo", "c-3", 3m),
        };
        var answers = await Task.WhenAll(purchases.Select(p => queue.RunAsync(scope => events.WriteAsync(scope, Purchase(p.Member, p.Order, p.Total)))));
        Assert.All(answers, a => Assert.True(a.Status == 200, a.Body));
        var refund = await queue.RunAsync(scope => events.WriteAsync(scope, Refund("bob", "b-2", 40m)));
        Assert.True(refund.Status == 200, refund.Body);
        Assert.Equal(200, await BalanceAsync(db, "ann"));
        Assert.Equal(90, await BalanceAsync(db, "bob"));
        return db;
    }

    private static EventCommand Purchase(string member, string order, decimal total)
    {
        var data = $$"""{"orderId":"{{order}}","total":{{total.ToString(CultureInfo.InvariantCulture)}}}""";
        var at = s_now.AddDays(-1);
        return new EventCommand(Tenant, member, "purchase", at, data,
            Purchase: new PurchaseCommand(order, new Purchase(total, [], null, at), null));
    }

    private static EventCommand Refund(string member, string order, decimal amount)
    {
        var data = $$"""{"orderId":"{{order}}","amount":{{amount.ToString(CultureInfo.InvariantCulture)}}}""";
        return new EventCommand(Tenant, member, "refund", s_now, data, Refund: new RefundCommand(order, amount, null));
    }

    private static async Task<long> BalanceAsync(Database db, string member)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT points_balance FROM members WHERE tenant_id = @Tenant AND member_id = @member", new { Tenant, member });
    }

    private static async Task ExecuteAsync(Database db, string sql)
    {
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteAsync(sql));
    }
}
