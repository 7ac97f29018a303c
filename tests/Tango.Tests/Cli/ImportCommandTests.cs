using System.Diagnostics;
using Tango.Cli;
using Tango.Tests.Harness;
using Xunit.Abstractions;

namespace Tango.Tests.CliVerbs;

[Collection(CliCollection.Name)]
public sealed class ImportCommandTests(ITestOutputHelper output)
{
    public const string Header = "member_id,order_id,occurred_at,total,type";

    /// <summary>Twenty rows over five members: purchases (one with float noise), a partial, a full and a third refund.</summary>
    public static readonly string[] Rows =
    [
        "ann,a-1,2026-01-05T10:00:00Z,100,purchase",
        "ann,a-2,2026-01-06,22.200000000000003,purchase",
        "bob,b-1,2026-01-06T11:30:00Z,80,purchase",
        "cleo,c-1,2026-01-07,15.5,purchase",
        "dan,d-1,2026-01-07,250,purchase",
        "ann,a-3,2026-01-08,12,purchase",
        "bob,b-2,2026-01-08,9.99,purchase",
        "cleo,c-2,2026-01-09,42,purchase",
        "dan,d-2,2026-01-09,7,purchase",
        "ann,a-1,2026-01-10,40,refund",
        "bob,b-3,2026-01-10,60,purchase",
        "cleo,c-3,2026-01-11,5,purchase",
        "dan,d-3,2026-01-11,18,purchase",
        "eve,e-1,2026-01-12,99,purchase",
        "eve,e-2,2026-01-12,1,purchase",
        "ann,a-4,2026-01-13,30,purchase",
        "bob,b-1,2026-01-14,80,refund",
        "dan,d-1,2026-01-14,50,refund",
        "cleo,c-4,2026-01-15,64,purchase",
        "eve,e-3,2026-01-15,3.5,purchase",
    ];

    /// <summary>One point per whole EUR (the default program), refunds claw back their share.</summary>
    public static readonly string[] Expected =
    [
        "ann 124 0",  // 100 + 22 + 12 + 30 - 40
        "bob 69 0",   // 80 + 9 + 60 - 80
        "cleo 126 0", // 15 + 42 + 5 + 64
        "dan 225 0",  // 250 + 7 + 18 - 50
        "eve 103 0",  // 99 + 1 + 3
    ];

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Import_loads_every_row_and_a_second_run_skips_them_all(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var csv = CsvFile.Write([Header, .. Rows]);

        var first = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);
        var balances = await CliRunner.BalancesAsync(store.Location);
        var lines = await CliRunner.CountAsync(store.Location, "ledger_lines");
        var second = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("20 imported, 0 already in, 0 failed, of 20 rows.", first.Out, StringComparison.Ordinal);
        Assert.Equal(Expected, balances);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("0 imported, 20 already in, 0 failed, of 20 rows.", second.Out, StringComparison.Ordinal);
        Assert.Equal(balances, await CliRunner.BalancesAsync(store.Location));
        Assert.Equal(lines, await CliRunner.CountAsync(store.Location, "ledger_lines"));
        Assert.Equal(17, await CliRunner.CountAsync(store.Location, "orders"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_import_interrupted_half_way_and_rerun_ends_like_one_clean_import(StoreUnderTest kind)
    {
        await using var interrupted = await TestStore.CreateAsync(kind);
        await using var clean = await TestStore.CreateAsync(kind);
        using var half = CsvFile.Write([Header, .. Rows[..10]]);
        using var whole = CsvFile.Write([Header, .. Rows]);

        var part = await CliRunner.RunAsync(ImportCommand.RunAsync, half.Path, "--database", interrupted.Location);
        var rest = await CliRunner.RunAsync(ImportCommand.RunAsync, whole.Path, "--database", interrupted.Location);
        var once = await CliRunner.RunAsync(ImportCommand.RunAsync, whole.Path, "--database", clean.Location);

        Assert.True(part.ExitCode == 0 && rest.ExitCode == 0 && once.ExitCode == 0, $"{part}\n{rest}\n{once}");
        Assert.Contains("10 imported, 0 already in, 0 failed, of 10 rows.", part.Out, StringComparison.Ordinal);
        Assert.Contains("10 imported, 10 already in, 0 failed, of 20 rows.", rest.Out, StringComparison.Ordinal);
        Assert.Equal(Expected, await CliRunner.BalancesAsync(clean.Location));
        Assert.Equal(await CliRunner.BalancesAsync(clean.Location), await CliRunner.BalancesAsync(interrupted.Location));
        foreach (var table in new[] { "ledger_lines", "orders", "refunds", "events", "point_lots" })
        {
            Assert.Equal(await CliRunner.CountAsync(clean.Location, table), await CliRunner.CountAsync(interrupted.Location, table));
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Rows_with_a_bad_amount_are_reported_by_line_and_the_rest_are_imported(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var csv = CsvFile.Write(
        [
            Header,
            "ann,x-1,2026-01-05,abc,purchase",
            "ann,x-2,2026-01-05,10,purchase",
            "bob,x-3,2026-01-05,-5,purchase",
            "bob,x-4,2026-01-05,,purchase",
            "cleo,x-5,2026-01-05,7,purchase",
            "cleo,x-5,2026-01-06,1e400,refund",
        ]);

        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("2 imported, 0 already in, 4 failed, of 6 rows.", run.Out, StringComparison.Ordinal);
        Assert.Contains("line 2: 'abc' is not an amount", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("data.total", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: '' is not an amount", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 7: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 6:", run.Error, StringComparison.Ordinal);
        Assert.Equal(["ann 10 0", "cleo 7 0"], await CliRunner.BalancesAsync(store.Location));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Refunds_right_behind_their_purchases_find_their_orders(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var rows = Enumerable.Range(1, 300).SelectMany(i => new[]
        {
            $"m-{i % 50},o-{i},2026-02-01T10:00:00Z,{i},purchase",
            $"m-{i % 50},o-{i},2026-02-01T11:00:00Z,{i},refund",
        });
        using var csv = CsvFile.Write([Header, .. rows]);

        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("600 imported, 0 already in, 0 failed, of 600 rows.", run.Out, StringComparison.Ordinal);
        Assert.All(await CliRunner.BalancesAsync(store.Location), b => Assert.EndsWith(" 0 0", b, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_file_without_a_date_column_can_be_imported_again_without_doubling(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var csv = CsvFile.Write(["customer_id,order_id,amount", "ann,n-1,10", "ann,n-2,5", "bob,n-3,3"]);

        var first = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);
        var second = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("0 imported, 3 already in, 0 failed, of 3 rows.", second.Out, StringComparison.Ordinal);
        Assert.Equal(["ann 15 0", "bob 3 0"], await CliRunner.BalancesAsync(store.Location));
    }

    [Fact]
    public async Task A_file_without_an_amount_column_imports_nothing_and_exits_1()
    {
        await using var store = await TestStore.CreateAsync(StoreUnderTest.Sqlite);
        using var csv = CsvFile.Write(["member_id,order_id,occurred_at", "ann,a-1,2026-01-05"]);

        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("total (or amount)", run.Error, StringComparison.Ordinal);
        Assert.Empty(await CliRunner.BalancesAsync(store.Location));
    }

    [Fact]
    public async Task Import_of_a_missing_file_exits_2()
    {
        await using var store = await TestStore.CreateAsync(StoreUnderTest.Sqlite);

        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, Path.Combine(Path.GetTempPath(), "no-such-file.csv"), "--database", store.Location);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("No such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_online_retail_invoices_import_on_sqlite()
    {
        var file = SharedData("online-retail", "invoices.csv");
        await using var store = await TestStore.CreateAsync(StoreUnderTest.Sqlite);

        var clock = Stopwatch.StartNew();
        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, file, "--database", store.Location);
        output.WriteLine($"imported in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("18532 imported, 0 already in, 0 failed, of 18532 rows.", run.Out, StringComparison.Ordinal);
        Assert.Equal(4338, await CliRunner.CountAsync(store.Location, "members"));
        Assert.Equal(18532, await CliRunner.CountAsync(store.Location, "orders"));
        var verify = await CliRunner.RunAsync(VerifyCommand.RunAsync, "--database", store.Location);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    /// <summary>The shared data sets live beside the repository, in ../shared/data.</summary>
    private static string SharedData(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "data", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"No shared/data/{string.Join('/', parts)} above {AppContext.BaseDirectory}");
    }
}
