using System.Collections;
using Microsoft.Extensions.Configuration.Memory;

namespace Tango.Hosting.Options;

/// <summary>
/// Where Tango's settings come from, lowest to highest: appsettings.json and the usual .NET sources, then
/// TANGO_* environment variables, then the command line. Settings are keyed by their command-line name without
/// the dashes in front, so `--rate-limit 10` and TANGO_RATE_LIMIT=10 both set `rate-limit`.
/// </summary>
public static class TangoConfiguration
{
    public const string EnvironmentPrefix = "TANGO_";

    /// <summary>The configuration a CLI verb runs on: TANGO_* variables under the options given on its command line.</summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string?> commandLine) =>
        new ConfigurationBuilder().AddTango(commandLine).Build();

    public static IConfigurationBuilder AddTango(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?> commandLine)
    {
        builder.Add(new MemoryConfigurationSource { InitialData = FromEnvironment() });
        builder.Add(new MemoryConfigurationSource { InitialData = commandLine });
        return builder;
    }

    /// <summary>
    /// The option name a TANGO_* variable stands for: TANGO_RATE_LIMIT is `rate-limit`. A double underscore separates
    /// sections, as in .NET's own variables.
    /// </summary>
    public static string KeyOf(string variable) =>
        variable[EnvironmentPrefix.Length..].ToLowerInvariant().Replace("__", ":", StringComparison.Ordinal).Replace('_', '-');

    public static string VariableOf(string key) =>
        EnvironmentPrefix + key.ToUpperInvariant().Replace(":", "__", StringComparison.Ordinal).Replace('-', '_');

    private static Dictionary<string, string?> FromEnvironment()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
                && name.Length > EnvironmentPrefix.Length && variable.Value is string { Length: > 0 } value)
            {
                settings[KeyOf(name)] = value;
            }
        }
        return settings;
    }
}
