using System.CommandLine;
using Tango.Hosting.Options;

namespace Tango.Cli;

/// <summary>One option of `tango serve`: its name, the word for its value in help, and what it does.</summary>
public sealed record ServeOption(string Name, string ValueName, string Help, Func<string, Option> Make)
{
    public static ServeOption Of<T>(string name, string valueName, string help) => new(name, valueName, help, flag => new Option<T>(flag));

    public string Flag => "--" + Name;

    public string Variable => TangoConfiguration.VariableOf(Name);

    public Option Create()
    {
        var option = Make(Flag);
        option.HelpName = ValueName;
        option.Description = $"{Help} [{Variable}]";
        return option;
    }
}

/// <summary>
/// Every option `tango serve` reads, in the order its help and the README list them. Each may also be given as its
/// TANGO_* variable (TANGO_RATE_LIMIT for --rate-limit; the command line wins) and reaches the configuration under
/// its name, where a typed options class binds it (`[ConfigurationKeyName("rate-limit")]`) and checks it at start.
/// A new server option is one line here plus the property that reads it.
/// </summary>
public static class ServeOptions
{
    public static readonly IReadOnlyList<ServeOption> All =
    [
        ServeOption.Of<string>("urls", "URL", $"where to listen; several addresses are separated by ';' (default {AddressOptions.DefaultUrl})"),
        ServeOption.Of<string>("database", "DB", $"a SQLite file path or a PostgreSQL connection string (default ./{StoreOptions.DefaultDatabase})"),
        ServeOption.Of<int>("writers", "N", $"group-commit writer loops on PostgreSQL, 1 to {StoreOptions.MaxWriters} (default {StoreOptions.DefaultPostgresWriters})"),
        ServeOption.Of<int>("rate-limit", "N", $"requests per second per API key; 0 turns the limit off (default {RateLimitOptions.DefaultPerSecond})"),
        ServeOption.Of<string>("log-format", "text|json", "log lines as text, or as JSON objects for log collectors (default text)"),
        ServeOption.Of<string>("public-url", "URL", "the origin of links in messages, surveys, referrals and portal links, behind a proxy (default: the request's origin, or for messages the first --urls address)"),
        ServeOption.Of<string>("smtp", "URL", "the mail server, smtp://user:pass@host:port (STARTTLS when offered) or smtps://... (default none: email waits in the outbox)"),
        ServeOption.Of<string>("mail-from", "ADDRESS", "the sender of journey email (default \"Tango <no-reply@localhost>\")"),
        ServeOption.Of<double>("journey-interval", "SECONDS", "how often the journey engine reads events, runs due steps and delivers (default 5)"),
        ServeOption.Of<double>("journey-settle", "SECONDS", "how long after it was stored an event is read by journeys, so none committed late is skipped (default 30)"),
        ServeOption.Of<int>("webhook-concurrency", "N", $"webhook deliveries in flight to one URL at once from this node; the rest wait their turn (default {Journeys.JourneyOptions.DefaultWebhookConcurrency})"),
        ServeOption.Of<string>("trusted-proxies", "LIST", "the reverse proxies, as addresses or networks (10.0.0.5, 10.1.0.0/16), whose X-Forwarded-For and X-Forwarded-Proto are believed (default none)"),
        ServeOption.Of<string>("metrics-token", "TOKEN", "/metrics answers only requests that send it as a bearer token (default none: open)"),
        ServeOption.Of<bool>("webhooks-allow-private", "true|false", "let webhooks reach loopback and private addresses (default false: refused)"),
    ];

    public static ServeOption Named(string name) => All.Single(o => o.Name == name);

    /// <summary>The server options given on a command line, by name, for <see cref="TangoConfiguration"/>.</summary>
    public static Dictionary<string, string?> Given(ParseResult parse)
    {
        var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (parse.GetResult(option) is { Implicit: false } result && All.Any(o => o.Flag == option.Name))
            {
                // A flag given without a value (--webhooks-allow-private) means true.
                given[option.Name[2..]] = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "true";
            }
        }
        return given;
    }
}
