using Tango.Cli;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs;

[Collection(CliCollection.Name)]
public sealed class VerifyCommandTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Verify_passes_an_imported_store_and_fails_once_a_balance_is_changed_behind_the_ledger(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var csv = CsvFile.Write([ImportCommandTests.Header, .. ImportCommandTests.Rows]);
        var import = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);
        Assert.True(import.ExitCode == 0, import.ToString());

        var good = await CliRunner.RunAsync(VerifyCommand.RunAsync, "--database", store.Location);
        Assert.Equal(1, await CliRunner.ExecuteAsync(store.Location,
            "UPDATE members SET points_balance = points_balance + 5 WHERE tenant_id = 'default' AND member_id = 'bob'"));
        var bad = await CliRunner.RunAsync(VerifyCommand.RunAsync, "--database", store.Location);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.StartsWith("OK: 5 members", good.Out, StringComparison.Ordinal);
        Assert.True(bad.ExitCode == 1, bad.ToString());
        Assert.Contains("default/bob: balance 74 points", bad.Out, StringComparison.Ordinal);
        Assert.Contains("FAILED:", bad.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("default/ann", bad.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Verify_of_a_store_never_migrated_exits_1(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var run = await CliRunner.RunAsync(VerifyCommand.RunAsync, "--database", store.Location);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("not migrated", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Migrate_applies_the_schema_once_and_verify_then_passes_the_empty_store(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var first = await CliRunner.RunAsync(MigrateCommand.RunAsync, "--database", store.Location);
        var second = await CliRunner.RunAsync(MigrateCommand.RunAsync, "--database", store.Location);
        var verify = await CliRunner.RunAsync(VerifyCommand.RunAsync, "--database", store.Location);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, $"{first}\n{second}");
        Assert.DoesNotContain(": 0 migrations applied", first.Out, StringComparison.Ordinal);
        Assert.Contains(": 0 migrations applied", second.Out, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.StartsWith("OK: 0 members, 0 ledger lines", verify.Out, StringComparison.Ordinal);
    }
}
