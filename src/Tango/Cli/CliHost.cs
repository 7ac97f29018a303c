using Tango.Hosting;

namespace Tango.Cli;

/// <summary>
/// CLI verbs run on the same composition root as the server (AddTango), without the web host.
/// Options are `--name value` pairs; `--database` and TANGO_DATABASE name the store as for `serve`.
/// </summary>
public static class CliHost
{
    public static (ServiceProvider Services, IConfiguration Options, List<string> Positional) Create(string[] args)
    {
        var positional = new List<string>();
        var pairs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                pairs.Add(args[i]);
                pairs.Add(args[++i]);
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        var configuration = new ConfigurationBuilder().AddCommandLine(pairs.ToArray()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddTango(TangoServices.DatabaseLocation(configuration))
            .BuildServiceProvider();
        return (services, configuration, positional);
    }

    public static int Usage(int exitCode, string? error = null)
    {
        var output = exitCode == 0 ? Console.Out : Console.Error;
        if (error is not null)
        {
            output.WriteLine(error);
        }
        output.WriteLine("""
            Usage: tango [command] [options]
              serve [--urls URL] [--database DB] [--writers N] [--rate-limit N] [--log-format text|json]
                    [--trusted-proxies LIST] [--metrics-token TOKEN]
                                                          serve the v1 API, the dashboard (/admin) and the member
                                                          portal (/portal) (the default command)
              keys create --tenant T --role admin|ingest|read [--database DB]
                                                          print a new API key once (creates the tenant if new)
              keys list [--tenant T] [--database DB]      every key's id, tenant, role and dates (never the key)
              keys revoke KEYID [--database DB]           refuse the key from now on
              users create --tenant T --email E --role admin|read [--password P] [--database DB]
                                                          a dashboard (/admin) user; the password may also come from
                                                          TANGO_USER_PASSWORD or standard input
              users remove --tenant T --email E [--database DB]
                                                          remove a dashboard user and end their sessions
              import FILE.csv [--tenant T] [--database DB]  load purchases and refunds; rerunning skips what is in
              verify [--database DB]                      check every balance against its ledger lines
              migrate [--database DB]                     apply schema migrations and exit
              analyze FILE.csv [--out DIR] ...            customer-base analysis of a CSV, no server or store
                                                          (see tango analyze --help)
            DB is a SQLite file path (default ./tango.db) or a PostgreSQL connection string; TANGO_DATABASE sets it too.
            """);
        return exitCode;
    }
}
