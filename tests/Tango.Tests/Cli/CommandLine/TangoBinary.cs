using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tango.Tests.CliVerbs.CommandLine;

public sealed record BinaryRun(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// The built `tango` binary run as a user runs it, in a working folder of its own (empty unless the test puts
/// something there), with its output redirected and no TANGO_* variable but those the test gives.
/// </summary>
public sealed class TangoBinary : IDisposable
{
    public TangoBinary()
    {
        Folder = Path.Combine(Path.GetTempPath(), "tango-tests", $"cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>What the working folder holds, relative to it: a verb that should touch nothing leaves it empty.</summary>
    public string[] FolderContents() =>
        Directory.GetFileSystemEntries(Folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Folder, p)).Order().ToArray();

    /// <summary>Runs tango with <paramref name="args"/>; a run still going after <paramref name="timeout"/> (a server that started) is killed and fails the test.</summary>
    public async Task<BinaryRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tango.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("TANGO_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"tango {string.Join(' ', args)} was still running after {timeout ?? TimeSpan.FromSeconds(60)}: {await output}{await error}");
        }
        return new BinaryRun(process.ExitCode, await output, await error);
    }

    /// <summary>A loopback port nothing listens on when this returns.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
