using System.Globalization;

namespace Tango.LoadDriver;

/// <summary>What the driver sends.</summary>
internal enum DriverMode
{
    /// <summary>One purchase per request (<c>POST /v1/events</c>), closed loop.</summary>
    Purchase,

    /// <summary>One balance read per request (<c>GET /v1/members/{id}/balance</c>), closed loop.</summary>
    Balance,

    /// <summary>Creates members 1..N, each with one purchase, through <c>POST /v1/events:batch</c>; not timed per request.</summary>
    Load,
}

/// <summary>Command-line arguments of the load driver.</summary>
internal sealed record DriverOptions
{
    public const string Usage = """
        usage: Tango.LoadDriver --url http://127.0.0.1:5080 --key <bearer key>
                                [--mode purchase|balance|load] [--clients 32] [--duration 20] [--warmup 3]
                                [--members 10000] [--member-prefix m-] [--batch 10000]
                                [--timeout 30] [--out report.json] [--acked acked.txt]

          --url       base address of a running Tango; repeat it (or use --urls a,b) to spread the clients
                      over several nodes, client i going to address i mod count
          --urls      comma-separated addresses, the same as repeating --url
          --key       API key (role admin or ingest) sent as "Authorization: Bearer <key>"
          --mode      purchase (default): POST /v1/events, one purchase per request;
                      balance: GET /v1/members/{id}/balance of random members;
                      load: gives members 1..N one purchase each through POST /v1/events:batch
                      (--batch events a call, --clients calls in flight), which enrols them, then exits
          --clients   concurrent clients, each with one request in flight (default 32)
          --duration  measured seconds, after the warm-up (default 20)
          --warmup    seconds sent but left out of the figures (default 3)
          --members   requests go to members <prefix>1 .. <prefix>N, drawn at random (default 10000)
          --member-prefix  member id prefix (default m-)
          --batch     events per POST /v1/events:batch call in load mode, 1 to 10000 (default 10000)
          --timeout   per-request timeout in seconds (default 30)
          --out       also write the report as JSON to this file
          --acked     purchase mode: write the orderId of every acknowledged (2xx) purchase, one per line
        """;

    public required IReadOnlyList<Uri> Urls { get; init; }

    public required string Key { get; init; }

    public DriverMode Mode { get; init; } = DriverMode.Purchase;

    public int Clients { get; init; } = 32;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public int Members { get; init; } = 10_000;

    public string MemberPrefix { get; init; } = "m-";

    public int Batch { get; init; } = 10_000;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string? OutFile { get; init; }

    public string? AckedFile { get; init; }

    public bool ShowHelp { get; init; }

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var urls = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return new DriverOptions { Urls = [new Uri("http://127.0.0.1")], Key = "", ShowHelp = true };
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            string key, value;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                (key, value) = (name[2..eq], name[(eq + 1)..]);
            }
            else if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }
            else
            {
                (key, value) = (name[2..], args[++i]);
            }

            // Addresses accumulate; every other option keeps its last value.
            if (key is "url" or "urls")
            {
                urls.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            values[key] = value;
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "key", "mode", "clients", "duration", "warmup", "members", "member-prefix", "batch", "timeout", "out", "acked",
        };
        foreach (var name in values.Keys)
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException($"unknown option --{name}");
            }
        }

        if (urls.Count == 0)
        {
            throw new ArgumentException("--url must be an absolute http(s) address");
        }

        var uris = new List<Uri>(urls.Count);
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"--url must be an absolute http(s) address, not '{url}'");
            }

            uris.Add(uri);
        }

        if (!values.TryGetValue("key", out var apiKey) || apiKey.Length == 0)
        {
            throw new ArgumentException("--key is required");
        }

        var mode = values.GetValueOrDefault("mode", "purchase") switch
        {
            "purchase" => DriverMode.Purchase,
            "balance" => DriverMode.Balance,
            "load" => DriverMode.Load,
            var other => throw new ArgumentException($"--mode must be purchase, balance or load, not '{other}'"),
        };

        var prefix = values.GetValueOrDefault("member-prefix", "m-");
        if (prefix.Length > 100 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '@' or '-'))
        {
            throw new ArgumentException("--member-prefix may hold up to 100 of A-Za-z0-9._:@-");
        }

        if (values.ContainsKey("acked") && mode != DriverMode.Purchase)
        {
            throw new ArgumentException("--acked is for --mode purchase only");
        }

        return new DriverOptions
        {
            Urls = uris,
            Key = apiKey,
            Mode = mode,
            Clients = Int(values, "clients", 32, min: 1, max: 10_000),
            Duration = TimeSpan.FromSeconds(Int(values, "duration", 20, min: 1, max: 86_400)),
            Warmup = TimeSpan.FromSeconds(Int(values, "warmup", 3, min: 0, max: 3_600)),
            Members = Int(values, "members", 10_000, min: 1, max: int.MaxValue - 1),
            MemberPrefix = prefix,
            Batch = Int(values, "batch", 10_000, min: 1, max: 10_000),
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
