using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tango.Tests.Harness;

/// <summary>
/// The real `tango serve` as a child process, for tests that need to kill it (SIGKILL) and start it
/// again on the same store.
/// </summary>
public sealed class TangoProcess : IAsyncDisposable
{
    private readonly Process _process;

    private TangoProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the server wrote to standard output and standard error, line by line.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <param name="options">More `tango serve` options, such as `--smtp smtp://127.0.0.1:2525`.</param>
    public static async Task<TangoProcess> StartAsync(string database, string adminKey, params string[] options)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "tango.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--database", database },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var option in options)
        {
            info.ArgumentList.Add(option);
        }
        info.Environment["TANGO_BOOTSTRAP_ADMIN_KEY"] = adminKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return await StartAsync(info, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>`tango serve` with no option, set up by <paramref name="environment"/> alone (TANGO_URLS names a free port on loopback).</summary>
    public static async Task<TangoProcess> StartFromEnvironmentAsync(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "tango.dll"), "serve" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return await StartAsync(info, new Uri(environment["TANGO_URLS"].TrimEnd('/') + "/"));
    }

    private static async Task<TangoProcess> StartAsync(ProcessStartInfo info, Uri address)
    {
        var process = Process.Start(info)!;
        var server = new TangoProcess(process, address);
        process.OutputDataReceived += (_, line) => server.Collect(line.Data);
        process.ErrorDataReceived += (_, line) => server.Collect(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            // A server that never became ready must not outlive the test that started it.
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was committed survives.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it; answers the exit code once the process has ended.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException("kill(SIGTERM) failed.");
        }
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"tango exited with code {_process.ExitCode} before it was ready.");
            }
            try
            {
                var ready = await client.GetAsync(new Uri(Address, "/readyz"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("tango did not become ready within 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
