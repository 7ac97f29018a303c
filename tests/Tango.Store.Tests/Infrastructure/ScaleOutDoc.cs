using System.Text.RegularExpressions;

namespace Tango.Store.Tests.Infrastructure;

/// <summary>One row of docs/scale-out.md's table: a table and how Citus would hold it.</summary>
/// <param name="DistributedBy">The distribution column when the row says "by `column`"; null otherwise.</param>
/// <param name="ReKey">The row says "re-key by `member_id`": its keys have to change before it is distributed.</param>
public sealed record ScaleOutRow(string Table, string? DistributedBy, bool ReKey);

/// <summary>The table of docs/scale-out.md that gives every table its Citus treatment, read from the repository.</summary>
public sealed partial class ScaleOutDoc
{
    private const string Header = "| table | Citus |";

    private ScaleOutDoc(string text, IReadOnlyList<ScaleOutRow> rows)
    {
        Text = text;
        Rows = rows;
    }

    public string Text { get; }

    public IReadOnlyList<ScaleOutRow> Rows { get; }

    public static ScaleOutDoc Read()
    {
        var text = File.ReadAllText(Locate());
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith(Header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/scale-out.md has no table starting with '{Header}'.");
        // The header, then the separator line, then one row per table up to the first line that is not a row.
        var rows = lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(Parse).ToList();
        var twice = rows.GroupBy(r => r.Table).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"docs/scale-out.md has more than one row for: {string.Join(", ", twice)}");
        return new ScaleOutDoc(text, rows);
    }

    private static ScaleOutRow Parse(string line)
    {
        var cells = line.Split('|');
        Assert.True(cells.Length >= 4, $"Not a row of the table: {line}");
        var table = TableCell().Match(cells[1].Trim());
        Assert.True(table.Success, $"The first cell should be one table name in backticks: {line}");
        var treatment = cells[2].Trim();
        if (treatment is "reference" or "coordinator")
        {
            return new ScaleOutRow(table.Groups[1].Value, null, ReKey: false);
        }
        if (treatment == "re-key by `member_id`")
        {
            return new ScaleOutRow(table.Groups[1].Value, null, ReKey: true);
        }
        var by = ByCell().Match(treatment);
        Assert.True(by.Success, $"Unknown treatment '{treatment}' (by `column`, re-key by `member_id`, reference, coordinator): {line}");
        return new ScaleOutRow(table.Groups[1].Value, by.Groups[1].Value, ReKey: false);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var doc = Path.Combine(dir.FullName, "docs", "scale-out.md");
            if (File.Exists(doc))
            {
                return doc;
            }
        }
        throw new FileNotFoundException($"No docs/scale-out.md above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("^`([a-z_]+)`$")]
    private static partial Regex TableCell();

    [GeneratedRegex("^by `([a-z_]+)`$")]
    private static partial Regex ByCell();
}
