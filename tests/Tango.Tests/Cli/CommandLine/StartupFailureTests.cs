using System.Net;
using System.Net.Sockets;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs.CommandLine;

/// <summary>What `tango` says when its port or its store is not there: one line, a non-zero exit, no stack trace.</summary>
public sealed class StartupFailureTests
{
    private const string Password = "a-secret-password";

    [Fact]
    public async Task A_taken_port_exits_1_with_one_line_and_no_stack_trace()
    {
        using var tango = new TangoBinary();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var run = await tango.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--database", "store.db"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains($"port {port} is already in use", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Empty(tango.FolderContents());
    }

    /// <summary>A PostgreSQL that is not there: nothing listens on the port.</summary>
    private static string ClosedPostgres() =>
        $"Host=127.0.0.1;Port={TangoBinary.FreePort()};Username=tango;Password={Password};Database=tango;Timeout=5";

    public static TheoryData<string[]> StoreVerbs => new()
    {
        { ["serve", "--urls", "http://127.0.0.1:0"] },
        { ["migrate"] },
        { ["verify"] },
        { ["keys", "create", "--tenant", "acme", "--role", "read"] },
        { ["users", "create", "--tenant", "acme", "--email", "ana@example.com", "--role", "admin", "--password", "long enough password"] },
        { ["import", "rows.csv"] },
    };

    [Theory]
    [MemberData(nameof(StoreVerbs))]
    public async Task An_unreachable_postgresql_exits_1_with_one_line(string[] args)
    {
        using var tango = new TangoBinary();
        File.WriteAllLines(Path.Combine(tango.Folder, "rows.csv"), ["member_id,order_id,total", "ann,a-1,10"]);

        var run = await tango.RunAsync([.. args, "--database", ClosedPostgres()]);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("cannot be reached", line, StringComparison.Ordinal);
        Assert.Contains("postgresql://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(["rows.csv"], tango.FolderContents());
    }

    [Theory]
    [MemberData(nameof(StoreVerbs))]
    public async Task A_sqlite_store_in_a_folder_that_cannot_be_made_exits_1_with_one_line(string[] args)
    {
        using var tango = new TangoBinary();
        File.WriteAllLines(Path.Combine(tango.Folder, "rows.csv"), ["member_id,order_id,total", "ann,a-1,10"]);
        // A file where the store's folder should be: no one, root included, can make a folder inside it.
        await File.WriteAllTextAsync(Path.Combine(tango.Folder, "not-a-folder"), "");

        var run = await tango.RunAsync([.. args], new Dictionary<string, string> { ["TANGO_DATABASE"] = "not-a-folder/sub/tango.db" });

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--database (TANGO_DATABASE) cannot be opened", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(["not-a-folder", "rows.csv"], tango.FolderContents());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_command_line_wins_over_the_environment(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var tango = new TangoBinary();

        var environment = new Dictionary<string, string> { ["TANGO_DATABASE"] = "from-environment.db" };

        var run = await tango.RunAsync(["migrate", "--database", store.Location], environment);
        var folderAfterRun = tango.FolderContents();
        var fromEnvironment = await tango.RunAsync(["migrate"], environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(": 0 migrations applied", run.Out, StringComparison.Ordinal);
        Assert.Empty(folderAfterRun);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.Contains(Path.Combine(tango.Folder, "from-environment.db"), fromEnvironment.Out, StringComparison.Ordinal);
        Assert.Contains("from-environment.db", tango.FolderContents());
    }
}
