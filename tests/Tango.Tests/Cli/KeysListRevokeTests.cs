using Tango.Cli;
using Tango.Store.Infrastructure;
using Tango.Store.Staff;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs;

/// <summary>`tango keys list|revoke` and `tango users remove`.</summary>
[Collection(CliCollection.Name)]
public sealed class KeysListRevokeTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Keys_list_shows_ids_and_roles_but_never_a_key_and_keys_revoke_ends_one(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var ingest = (await CliRunner.RunAsync(KeysCommand.RunAsync, "create", "--tenant", "acme", "--role", "ingest", "--database", store.Location)).Out.Trim();
        var admin = (await CliRunner.RunAsync(KeysCommand.RunAsync, "create", "--tenant", "zeta", "--role", "admin", "--database", store.Location)).Out.Trim();

        var all = await CliRunner.RunAsync(KeysCommand.RunAsync, "list", "--database", store.Location);
        var acme = await CliRunner.RunAsync(KeysCommand.RunAsync, "list", "--tenant", "acme", "--database", store.Location);
        var revoke = await CliRunner.RunAsync(KeysCommand.RunAsync, "revoke", ApiKeys.IdOfKey(ingest), "--database", store.Location);
        var unknown = await CliRunner.RunAsync(KeysCommand.RunAsync, "revoke", "key_0000000000000000", "--database", store.Location);
        var after = await CliRunner.RunAsync(KeysCommand.RunAsync, "list", "--tenant", "acme", "--database", store.Location);

        Assert.True(all.ExitCode == 0, all.ToString());
        var rows = all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key_id\ttenant\trole\tcreated_at\tlast_used_at\trevoked_at", rows[0]);
        Assert.Equal([ApiKeys.IdOfKey(ingest), ApiKeys.IdOfKey(admin)], rows[1..].Select(r => r.Split('\t')[0]));
        Assert.DoesNotContain(ingest, all.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(admin, all.Out, StringComparison.Ordinal);
        Assert.Equal(2, acme.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.NotEqual("-", after.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split('\t')[5]);
        await using var db = Database.Open(store.Location);
        var keys = new ApiKeys(db, TimeProvider.System);
        Assert.Null(await keys.FindAsync(ingest));
        Assert.Equal(new KeyOwner("zeta", Role.Admin), await keys.FindAsync(admin));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Users_remove_deletes_the_user_and_says_so_and_an_unknown_user_exits_1(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await CliRunner.RunAsync(UsersCommand.RunAsync,
            "create", "--tenant", "acme", "--email", "ana@example.com", "--role", "admin", "--password", "a long enough password", "--database", store.Location);

        var removed = await CliRunner.RunAsync(UsersCommand.RunAsync, "remove", "--tenant", "acme", "--email", "Ana@Example.com", "--database", store.Location);
        var again = await CliRunner.RunAsync(UsersCommand.RunAsync, "remove", "--tenant", "acme", "--email", "ana@example.com", "--database", store.Location);

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("ana@example.com", removed.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        await using var db = Database.Open(store.Location);
        Assert.Null(await new StaffUsers(db, TimeProvider.System).FindAsync("acme", "ana@example.com"));
    }
}
