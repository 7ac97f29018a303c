using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs.CommandLine;

public sealed class ImportProgressTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Import_into_a_log_prints_progress_lines_and_the_final_count(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var tango = new TangoBinary();
        var rows = Enumerable.Range(1, 12_000).Select(i => $"m-{i % 400},o-{i},2026-02-01T10:00:00Z,{i % 90 + 1}");
        await File.WriteAllLinesAsync(Path.Combine(tango.Folder, "rows.csv"), ["member_id,order_id,occurred_at,total", .. rows]);

        var run = await tango.RunAsync(["import", "rows.csv", "--database", store.Location], timeout: TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("import: 10,000 rows read (", StringComparison.Ordinal) && l.EndsWith(" rows/s", StringComparison.Ordinal));
        Assert.All(lines[..^1], l => Assert.StartsWith("import: ", l, StringComparison.Ordinal));
        Assert.Equal("12000 imported, 0 already in, 0 failed, of 12000 rows.", lines[^1]);
        // No bar: nothing redrawn in place, no escape sequences.
        Assert.DoesNotContain('\r', run.Out);
        Assert.DoesNotContain('\u001b', run.Out);
    }
}
