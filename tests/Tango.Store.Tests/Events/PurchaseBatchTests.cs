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
