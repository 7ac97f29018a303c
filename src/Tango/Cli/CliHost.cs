using System.CommandLine;
using Tango.Hosting;
using Tango.Hosting.Options;

namespace Tango.Cli;

/// <summary>
/// Store verbs run on the same composition root as the server (AddTango), without the web host, on the store that
/// `--database` or TANGO_DATABASE names.
/// </summary>
public static class CliHost
{
    public static Option DatabaseOption() => ServeOptions.Named("database").Create();

    /// <summary>The services over the store, once the options are right and the store answers; else a <see cref="StartupFailure"/>.</summary>
    public static async Task<ServiceProvider> OpenStoreAsync(ParseResult parse, CancellationToken ct)
    {
        var configuration = Configuration(parse);
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging()
            .AddTango(configuration)
            .BuildServiceProvider();
        try
        {
            OptionsSetup.Check(services);
            await StartupChecks.EnsureStoreAsync(services, ct);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings of this verb: the server options on its command line over TANGO_* variables.</summary>
    public static IConfiguration Configuration(ParseResult parse) => TangoConfiguration.Build(ServeOptions.Given(parse));

    /// <summary>A wrong argument: one line, exit 2, nothing touched.</summary>
    public static StartupFailure Usage(string message) => new(message, StartupFailure.BadUsage);
}
