using System.Text;

namespace Tango.Cli.Analyze;

/// <summary>
/// Reads a CSV file a line at a time as UTF-8 bytes, without a string per line, and finds fields in a line.
/// Quoted fields may hold commas and doubled quotes but not line breaks.
/// </summary>
internal sealed class CsvLines : IDisposable
{
    private readonly FileStream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start, _end;
    private bool _eof;

    public CsvLines(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        Length = _stream.Length;
    }

    public long Length { get; }

    /// <summary>Bytes consumed so far, for progress.</summary>
    public long Position => _stream.Position - (_end - _start);

    /// <summary>The current line's number, 1-based.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its line break; false at the end of the file.</summary>
    public bool Next(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 || (_eof && _end > _start))
            {
                var length = newline >= 0 ? newline : _end - _start;
                line = _buffer.AsSpan(_start, length);
                _start += newline >= 0 ? length + 1 : length;
                LineNumber++;
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line = line[..^1];
                }
                if (LineNumber == 1 && line.StartsWith("\uFEFF"u8))
                {
                    line = line[3..];
                }
                return true;
            }
            if (_eof)
            {
                line = default;
                return false;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }

    /// <summary>
    /// Fills <paramref name="fields"/> with the (start, length) of the first fields of <paramref name="line"/>,
    /// quotes removed and surrounding spaces trimmed; returns how many fields the line has (counted up to the
    /// span's length).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var position = 0;
        while (true)
        {
            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }
            int start = position, end;
            if (position < line.Length && line[position] == '"')
            {
                start = ++position;
                while (position < line.Length && (line[position] != '"' || (position + 1 < line.Length && line[position + 1] == '"')))
                {
                    position += line[position] == '"' ? 2 : 1;
                }
                end = position;
                var comma = line[Math.Min(position, line.Length)..].IndexOf((byte)',');
                position = comma < 0 ? line.Length : position + comma;
            }
            else
            {
                var comma = line[position..].IndexOf((byte)',');
                position = comma < 0 ? line.Length : position + comma;
                end = position;
                while (end > start && line[end - 1] == ' ')
                {
                    end--;
                }
            }
            if (count < fields.Length)
            {
                fields[count] = new Range(start, end);
            }
            count++;
            if (position >= line.Length)
            {
                return count;
            }
            position++;
        }
    }

    /// <summary>A field with its doubled quotes ("") made single, in <paramref name="scratch"/> when there are any.</summary>
    public static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> field, Span<byte> scratch)
    {
        if (field.IndexOf("\"\""u8) < 0 || field.Length > scratch.Length)
        {
            return field;
        }
        var length = 0;
        for (var i = 0; i < field.Length; i++)
        {
            scratch[length++] = field[i];
            if (field[i] == '"' && i + 1 < field.Length && field[i + 1] == '"')
            {
                i++;
            }
        }
        return scratch[..length];
    }

    /// <summary>The header's column names, lower-cased.</summary>
    public static string[] Header(ReadOnlySpan<byte> line)
    {
        Span<Range> fields = stackalloc Range[256];
        var count = Math.Min(Split(line, fields), fields.Length);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = Encoding.UTF8.GetString(line[fields[i]]).Replace("\"\"", "\"", StringComparison.Ordinal).ToLowerInvariant();
        }
        return names;
    }

    public void Dispose() => _stream.Dispose();
}
