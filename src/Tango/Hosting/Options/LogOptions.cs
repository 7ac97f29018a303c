using Microsoft.Extensions.Logging.Console;

namespace Tango.Hosting.Options;

/// <summary>How log lines look: one text line each with its request's scope, or JSON objects for collectors (`--log-format`).</summary>
public sealed class LogOptions
{
    [ConfigurationKeyName("log-format")]
    public string Format { get; set; } = "text";

    public string FormatterName =>
        string.Equals(Format, "json", StringComparison.OrdinalIgnoreCase) ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;

    public static IEnumerable<string> Problems(LogOptions options)
    {
        if (!options.Format.Equals("text", StringComparison.OrdinalIgnoreCase) && !options.Format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{OptionsSetup.Name("log-format")} must be text or json, not '{options.Format}'.";
        }
    }
}
