using Dapper;
using Tango.Cli;
using Tango.Store.Infrastructure;
using Tango.Store.Staff;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs;

[Collection(CliCollection.Name)]
public sealed class UsersCommandTests
{
    private const string Password = "a long enough password";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Users_create_stores_a_salted_slow_hash_that_the_password_and_only_it_opens(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var run = await CliRunner.RunAsync(UsersCommand.RunAsync,
            "create", "--tenant", "acme", "--email", "Ana@Example.com", "--role", "admin", "--password", Password, "--database", store.Location);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ana@example.com", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
        await using var db = Database.Open(store.Location);
        var users = new StaffUsers(db, TimeProvider.System);
        Assert.Equal(new StaffUser("acme", "ana@example.com", Role.Admin), await users.CheckAsync("acme", "ANA@example.com", Password));
        Assert.Null(await users.CheckAsync("acme", "ana@example.com", Password + "x"));
        Assert.Null(await users.CheckAsync("other", "ana@example.com", Password));
        await using var connection = await db.OpenConnectionAsync();
        var hashes = await connection.ExecuteScalarAsync<string>("SELECT password_hash FROM staff_users");
        Assert.StartsWith("pbkdf2-sha256$600000$", hashes, StringComparison.Ordinal);
        Assert.Equal(1, await CliRunner.CountAsync(store.Location, "tenants"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Running_it_again_sets_a_new_password_and_role_and_the_environment_can_carry_the_password(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await CliRunner.RunAsync(UsersCommand.RunAsync, "create", "--tenant", "acme", "--email", "ana@example.com", "--role", "admin", "--password", Password, "--database", store.Location);

        Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, "another long password");
        CliResult again;
        try
        {
            again = await CliRunner.RunAsync(UsersCommand.RunAsync, "create", "--tenant", "acme", "--email", "ana@example.com", "--role", "read", "--database", store.Location);
        }
        finally
        {
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, null);
        }

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Updated", again.Out, StringComparison.Ordinal);
        await using var db = Database.Open(store.Location);
        var users = new StaffUsers(db, TimeProvider.System);
        Assert.Null(await users.CheckAsync("acme", "ana@example.com", Password));
        Assert.Equal(Role.Read, (await users.CheckAsync("acme", "ana@example.com", "another long password"))?.Role);
        Assert.Equal(1, await CliRunner.CountAsync(store.Location, "staff_users"));
    }

    [Theory]
    [InlineData("create", "--tenant", "acme", "--email", "ana@example.com", "--role", "ingest", "--password", Password)]
    [InlineData("create", "--tenant", "acme", "--email", "ana@example.com", "--role", "owner", "--password", Password)]
    [InlineData("create", "--tenant", "acme", "--email", "not-an-email", "--role", "admin", "--password", Password)]
    [InlineData("create", "--tenant", "not a tenant", "--email", "ana@example.com", "--role", "admin", "--password", Password)]
    [InlineData("create", "--tenant", "acme", "--email", "ana@example.com", "--role", "admin", "--password", "short")]
    [InlineData("delete", "--tenant", "acme", "--email", "ana@example.com", "--role", "admin", "--password", Password)]
    public async Task Bad_arguments_exit_2_and_create_no_user(params string[] arguments)
    {
        await using var store = await TestStore.CreateAsync(StoreUnderTest.Sqlite);

        var run = await CliRunner.RunAsync(UsersCommand.RunAsync, [.. arguments, "--database", store.Location]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Out);
        Assert.DoesNotContain(Password, run.Error, StringComparison.Ordinal);
    }
}
