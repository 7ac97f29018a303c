using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Tango.Tests.Journeys;

/// <summary>
/// A real SMTP server on loopback for the tests: Python's aiosmtpd (Debian's python3-aiosmtpd, which .ci/run
/// installs), writing every message it accepts to a folder, from which the test reads them with MimeKit.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Script = """
        import os, sys, time, uuid
        from aiosmtpd.controller import Controller

        out, port = sys.argv[1], int(sys.argv[2])

        class Sink:
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(out, "%020d-%s" % (time.time_ns(), uuid.uuid4().hex))
                with open(name + ".tmp", "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + ".tmp", name + ".eml")
                return "250 OK"

        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private readonly Process _process;
    private readonly string _directory;

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What `--smtp` takes.</summary>
    public string Url => $"smtp://127.0.0.1:{Port}";

    public static async Task<SmtpSink> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tango-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "sink.py");
        await File.WriteAllTextAsync(script, Script);
        var port = FreePort();
        // Debian's interpreter, where apt puts aiosmtpd, even when another python3 comes first on the PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python)
        {
            ArgumentList = { script, directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        var sink = new SmtpSink(process, directory, port);
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20))) != ready || await ready != "ready")
        {
            var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "no answer in 20 s";
            await sink.DisposeAsync();
            throw new InvalidOperationException($"The SMTP sink did not start (is python3-aiosmtpd installed?): {error}");
        }
        return sink;
    }

    /// <summary>The messages accepted so far, in the order they arrived.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(_directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>Waits (in real time) until at least <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && Directory.GetFiles(_directory, "*.eml").Length < count)
        {
            await Task.Delay(100);
        }
        return Messages();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
