using Dapper;
using Tango.Store.Infrastructure;
using Tango.Store.Tests.Harness;

namespace Tango.Store.Tests.Infrastructure;

public sealed class MigratorTests
{
    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Migrations_apply_once_and_a_second_run_applies_nothing(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = store.Open();
        var scripts = Migrator.Scripts(kind);

        var before = await Migrator.IsCurrentAsync(db);
        var first = await Migrator.MigrateAsync(db, TimeProvider.System);
        var second = await Migrator.MigrateAsync(db, TimeProvider.System);

        Assert.NotEmpty(scripts);
        Assert.False(before);
        Assert.Equal(scripts.Count, first);
        Assert.Equal(0, second);
        Assert.True(await Migrator.IsCurrentAsync(db));
        Assert.Equal(scripts.Select(s => s.Version), await AppliedVersionsAsync(db));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Two_nodes_migrating_one_fresh_store_at_once_both_succeed_and_apply_each_script_once(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        // Two Database instances, two pools: as two `tango` nodes starting together.
        var nodeA = store.Open();
        var nodeB = store.Open();

        var results = await Task.WhenAll(
            Task.Run(() => Migrator.MigrateAsync(nodeA, TimeProvider.System)),
            Task.Run(() => Migrator.MigrateAsync(nodeB, TimeProvider.System)));

        Assert.All(results, applied => Assert.InRange(applied, 0, Migrator.Scripts(kind).Count));
        Assert.True(await Migrator.IsCurrentAsync(nodeA));
        Assert.True(await Migrator.IsCurrentAsync(nodeB));
        Assert.Equal(Migrator.Scripts(kind).Select(s => s.Version), await AppliedVersionsAsync(nodeA));
        Assert.Equal(0, await Migrator.MigrateAsync(nodeB, TimeProvider.System));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Two_migrations_through_one_database_at_once_both_succeed(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = store.Open();

        await Task.WhenAll(
            Task.Run(() => Migrator.MigrateAsync(db, TimeProvider.System)),
            Task.Run(() => Migrator.MigrateAsync(db, TimeProvider.System)));

        Assert.True(await Migrator.IsCurrentAsync(db));
        Assert.Equal(Migrator.Scripts(kind).Select(s => s.Version), await AppliedVersionsAsync(db));
    }

    private static async Task<List<int>> AppliedVersionsAsync(Database db)
    {
        await using var connection = await db.OpenConnectionAsync();
        return (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
    }
}
