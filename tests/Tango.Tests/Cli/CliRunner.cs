using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Tests.CliVerbs;

/// <summary>
/// The CLI tests swap Console.Out and Console.Error, which are process-wide, so they run in this
/// collection and never beside another test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "CLI verbs (capture the console)";
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs a `tango` verb in this process, as `tango VERB args...` would, and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(Func<string[], Task<int>> verb, params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await verb(args);
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>Every member of the tenant as "id points wallet", in id order.</summary>
    public static async Task<List<string>> BalancesAsync(string location, string tenant = "default")
    {
        await using var db = Database.Open(location);
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Member, long Points, long Wallet)>(
            "SELECT member_id, points_balance, wallet_minor FROM members WHERE tenant_id = @tenant ORDER BY member_id", new { tenant });
        return rows.Select(r => $"{r.Member} {r.Points} {r.Wallet}").ToList();
    }

    public static async Task<long> CountAsync(string location, string table)
    {
        await using var db = Database.Open(location);
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    public static async Task<int> ExecuteAsync(string location, string sql)
    {
        await using var db = Database.Open(location);
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql);
    }
}

/// <summary>A CSV written to a temporary file, deleted with it.</summary>
public sealed class CsvFile : IDisposable
{
    private CsvFile(string path) => Path = path;

    public string Path { get; }

    public static CsvFile Write(IEnumerable<string> lines)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tango-tests", $"import-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return new CsvFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
