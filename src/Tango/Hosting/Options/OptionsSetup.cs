using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Tango.Hosting.Options;

/// <summary>
/// Typed options bound from Tango's configuration (see <see cref="TangoConfiguration"/>) and checked at start:
/// a wrong value stops `tango` with one line naming the option, before a store is opened or a port taken.
/// </summary>
public static partial class OptionsSetup
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to the configuration (properties name their setting with
    /// [ConfigurationKeyName]), checks it at start with <paramref name="problems"/>, and lets it be injected as
    /// itself as well as IOptions&lt;T&gt;.
    /// </summary>
    public static OptionsBuilder<T> AddTangoOptions<T>(this IServiceCollection services, IConfiguration configuration,
        Func<T, IEnumerable<string>>? problems = null) where T : class
    {
        var builder = services.AddOptions<T>().Bind(configuration).ValidateOnStart();
        if (problems is not null)
        {
            services.AddSingleton<IValidateOptions<T>>(new ProblemList<T>(problems));
        }
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return builder;
    }

    /// <summary>
    /// "--writers (TANGO_WRITERS)": how a message names a setting, both ways of giving it. A setting in a section
    /// (`tiers:ReviewInterval`) has no command-line option.
    /// </summary>
    public static string Name(string key) =>
        key.Contains(':', StringComparison.Ordinal) ? $"{key} ({TangoConfiguration.VariableOf(key)})" : $"--{key} ({TangoConfiguration.VariableOf(key)})";

    /// <summary>Checks every option registered with ValidateOnStart now; a wrong one becomes a <see cref="StartupFailure"/>.</summary>
    public static void Check(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            throw new StartupFailure(message, StartupFailure.BadUsage);
        }
    }

    /// <summary>One line for a failed check or a value the binder could not convert; null for anything else.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures.Distinct()),
        // An option read while another is built (journeys read the addresses) fails once for each: say it once.
        AggregateException all when all.InnerExceptions.Select(Describe).ToList() is var lines && lines.All(l => l is not null) =>
            string.Join(" ", lines.Distinct()),
        InvalidOperationException { Message: var text } when Unconvertible().Match(text) is { Success: true } match =>
            $"{Name(match.Groups["key"].Value)}: {Expected(match.Groups["type"].Value)}.",
        _ => null,
    };

    private static string Expected(string type) =>
        type.Contains("Int32", StringComparison.Ordinal) ? "expected a whole number"
        : type.Contains("Double", StringComparison.Ordinal) ? "expected a number"
        : type.Contains("Boolean", StringComparison.Ordinal) ? "expected true or false"
        : "not a valid value";

    // The binder's own message: "Failed to convert configuration value ['x' ]at 'writers' to type 'System.Int32'."
    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex Unconvertible();

    private sealed class ProblemList<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
