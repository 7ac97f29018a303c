using System.Globalization;

namespace Tango.LoadDriver;

/// <summary>Command-line arguments of the load driver.</summary>
internal sealed record DriverOptions
{
    public const string Usage = """
        usage: Tango.LoadDriver --url http://127.0.0.1:5080 --key <bearer key>
                                [--clients 32] [--duration 20] [--warmup 3] [--members 10000]
                                [--timeout 30] [--out report.json] [--acked acked.txt]

          --url       base address of a running Tango
          --key       API key (role admin or ingest) sent as "Authorization: Bearer <key>"
          --clients   concurrent clients, each with one request in flight (default 32)
          --duration  measured seconds, after the warm-up (default 20)
          --warmup    seconds sent but left out of the figures (default 3)
          --members   purchases go to members m-1 .. m-N (default 10000)
          --timeout   per-request timeout in seconds (default 30)
          --out       also write the report as JSON to this file
          --acked     write the orderId of every acknowledged (2xx) purchase, one per line
        """;

    public required Uri Url { get; init; }

    public required string Key { get; init; }

    public int Clients { get; init; } = 32;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public int Members { get; init; } = 10_000;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string? OutFile { get; init; }

    public string? AckedFile { get; init; }

    public bool ShowHelp { get; init; }

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return new DriverOptions { Url = new Uri("http://127.0.0.1"), Key = "", ShowHelp = true };
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[name[2..eq]] = name[(eq + 1)..];
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            values[name[2..]] = args[++i];
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "url", "key", "clients", "duration", "warmup", "members", "timeout", "out", "acked",
        };
        foreach (var name in values.Keys)
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException($"unknown option --{name}");
            }
        }

        if (!values.TryGetValue("url", out var url) ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("--url must be an absolute http(s) address");
        }

        if (!values.TryGetValue("key", out var key) || key.Length == 0)
        {
            throw new ArgumentException("--key is required");
        }

        return new DriverOptions
        {
            Url = uri,
            Key = key,
            Clients = Int(values, "clients", 32, min: 1, max: 10_000),
            Duration = TimeSpan.FromSeconds(Int(values, "duration", 20, min: 1, max: 86_400)),
            Warmup = TimeSpan.FromSeconds(Int(values, "warmup", 3, min: 0, max: 3_600)),
            Members = Int(values, "members", 10_000, min: 1, max: int.MaxValue - 1),
            RequestTimeout = TimeSpan.FromSeconds(Int(values, "timeout", 30, min: 1, max: 3_600)),
            OutFile = values.GetValueOrDefault("out"),
            AckedFile = values.GetValueOrDefault("acked"),
        };
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ||
            value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }
}
