using System.Text;

namespace Tango.Journeys.Templates;

/// <summary>
/// Where a render writes: a string builder that refuses to grow past <see cref="TemplateLimits.MaxMessageBytes"/>
/// characters and looks at the render's clock on every write, so neither a long text nor a slow loop goes on unseen.
/// </summary>
internal sealed class BoundedWriter(RenderBudget budget) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value)
    {
        Grow(1);
        _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Grow(count);
        _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Grow(buffer.Length);
        _text.Append(buffer);
    }

    public override void Write(string? value)
    {
        Grow(value?.Length ?? 0);
        _text.Append(value);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString() => _text.ToString();

    private void Grow(int count)
    {
        budget.CheckTime();
        // Characters bound the UTF-8 size from below, so the exact byte count is checked once the render is done.
        if (_text.Length + (long)count > TemplateLimits.MaxMessageBytes)
        {
            throw RenderBudget.TooLarge("renders more than 64 KiB");
        }
    }
}
