namespace Tango.Cli.Analyze;

/// <summary>Input `tango analyze` cannot use, with the line that shows it (1 is the header).</summary>
public sealed class InputError(long line, string message) : Exception($"line {line}: {message}")
{
    public long Line { get; } = line;
}
