using Tango.Cli;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs;

[Collection(CliCollection.Name)]
public sealed class KeysCommandTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Keys_create_prints_a_key_once_that_belongs_to_the_tenant_and_role(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var run = await CliRunner.RunAsync(KeysCommand.RunAsync, "create", "--tenant", "acme", "--role", "ingest", "--database", store.Location);

        Assert.True(run.ExitCode == 0, run.ToString());
        var key = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("tk_", key, StringComparison.Ordinal);
        Assert.Contains("acme", run.Error, StringComparison.Ordinal);
        await using var db = Database.Open(store.Location);
        var keys = new ApiKeys(db, TimeProvider.System);
        Assert.Equal(new KeyOwner("acme", Role.Ingest), await keys.FindAsync(key));
        Assert.Null(await keys.FindAsync(key + "x"));
        Assert.Equal(1, await CliRunner.CountAsync(store.Location, "tenants"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_second_key_for_the_same_tenant_is_a_different_key_for_that_tenant(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var first = await CliRunner.RunAsync(KeysCommand.RunAsync, "create", "--tenant", "acme", "--role", "admin", "--database", store.Location);
        var second = await CliRunner.RunAsync(KeysCommand.RunAsync, "create", "--tenant", "acme", "--role", "READ", "--database", store.Location);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.NotEqual(first.Out.Trim(), second.Out.Trim());
        await using var db = Database.Open(store.Location);
        var keys = new ApiKeys(db, TimeProvider.System);
        Assert.Equal(new KeyOwner("acme", Role.Admin), await keys.FindAsync(first.Out.Trim()));
        Assert.Equal(new KeyOwner("acme", Role.Read), await keys.FindAsync(second.Out.Trim()));
        Assert.Equal(1, await CliRunner.CountAsync(store.Location, "tenants"));
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Keys_create_with_a_bad_role_or_tenant_exits_2_and_prints_no_key(StoreUnderTest kind, string[] arguments)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var run = await CliRunner.RunAsync(KeysCommand.RunAsync, [.. arguments, "--database", store.Location]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("tango keys", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tk_", run.Error, StringComparison.Ordinal);
    }

    public static TheoryData<StoreUnderTest, string[]> BadArguments()
    {
        var data = new TheoryData<StoreUnderTest, string[]>();
        foreach (var kind in new[] { StoreUnderTest.Sqlite, StoreUnderTest.Postgres })
        {
            data.Add(kind, ["create", "--tenant", "acme", "--role", "owner"]);
            data.Add(kind, ["create", "--tenant", "acme", "--role", "1"]);
            data.Add(kind, ["create", "--tenant", "acme"]);
            data.Add(kind, ["create", "--tenant", "not a tenant!", "--role", "read"]);
            data.Add(kind, ["create", "--role", "read"]);
            data.Add(kind, ["delete", "--tenant", "acme", "--role", "read"]);
        }
        return data;
    }
}
