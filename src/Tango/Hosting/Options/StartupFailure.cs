namespace Tango.Hosting.Options;

/// <summary>
/// Why `tango` cannot start or run a verb, in one line for the operator (a bad option, a taken port, a store out
/// of reach), with the exit code to leave with. Never carries a stack trace to the console.
/// </summary>
public sealed class StartupFailure(string message, int exitCode = StartupFailure.Unavailable) : Exception(message)
{
    /// <summary>The command line or a setting is wrong.</summary>
    public const int BadUsage = 2;

    /// <summary>Something Tango needs (its port, its store) is not there.</summary>
    public const int Unavailable = 1;

    public int ExitCode { get; } = exitCode;
}
