using System.Globalization;

namespace Tango.Cli;

/// <summary>
/// Progress of `tango import` as plain lines, for output that is not a terminal (a log, a file, a pipe): one line
/// every <see cref="EveryRows"/> rows, and one at least every <see cref="EverySeconds"/> seconds while rows come.
/// </summary>
public sealed class ImportProgress(TextWriter output, TimeProvider clock, long fileBytes)
{
    public const long EveryRows = 10_000;
    public const double EverySeconds = 5;

    private readonly long _started = clock.GetTimestamp();
    private long _lastLine = clock.GetTimestamp();
    private long _lastRows;

    public void Report(long position, ImportCommand.ImportTally tally)
    {
        var crossedMark = tally.Rows / EveryRows > _lastRows / EveryRows;
        var quiet = clock.GetElapsedTime(_lastLine).TotalSeconds >= EverySeconds;
        if (tally.Rows == _lastRows || !(crossedMark || quiet))
        {
            return;
        }
        _lastRows = tally.Rows;
        _lastLine = clock.GetTimestamp();
        var seconds = clock.GetElapsedTime(_started).TotalSeconds;
        var share = fileBytes > 0 ? Math.Min(100, 100.0 * position / fileBytes) : 100;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {tally.Rows:N0} rows read ({share:F0}%), {tally.Imported:N0} imported, {tally.Skipped:N0} already in, {tally.Failed:N0} failed, {tally.Rows / Math.Max(seconds, 0.001):N0} rows/s"));
        output.Flush();
    }
}
