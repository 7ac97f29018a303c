using System.Globalization;
using System.Text;

namespace Tango.Cli.Analyze;

/// <summary>Writes CSV as UTF-8 through one buffer: numbers formatted straight into it, round-trip exact.</summary>
internal sealed class CsvOut : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _used;
    private bool _lineStarted;

    public CsvOut(string path, string header)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        Raw(Encoding.UTF8.GetBytes(header + "\n"));
    }

    public void Text(string value)
    {
        Separator();
        // Quote only what needs it, doubling quotes inside, as RFC 4180 says.
        if (value.AsSpan().IndexOfAny(",\"\n\r") >= 0)
        {
            value = "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
    }

    /// <summary>A number, or an empty field for NaN or infinity.</summary>
    public void Number(double value)
    {
        Separator();
        if (double.IsFinite(value))
        {
            Ensure(32);
            value.TryFormat(_buffer.AsSpan(_used), out var written, "R", CultureInfo.InvariantCulture);
            _used += written;
        }
    }

    public void EndLine()
    {
        Ensure(1);
        _buffer[_used++] = (byte)'\n';
        _lineStarted = false;
    }

    private void Separator()
    {
        if (_lineStarted)
        {
            Ensure(1);
            _buffer[_used++] = (byte)',';
        }
        _lineStarted = true;
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Ensure(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    public void Dispose()
    {
        _stream.Write(_buffer, 0, _used);
        _stream.Dispose();
    }
}
