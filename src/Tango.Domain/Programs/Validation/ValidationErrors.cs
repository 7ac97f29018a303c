namespace Tango.Domain.Programs;

/// <summary>Collects messages per JSON path, in the order they were found.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public void Add(string path, string message)
    {
        if (!_byPath.TryGetValue(path, out var messages))
        {
            messages = [];
            _byPath.Add(path, messages);
        }

        messages.Add(message);
    }

    public void Range(string path, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(path, $"must be between {min} and {max}.");
        }
    }

    public void NotNegative(string path, decimal? value)
    {
        if (value < 0)
        {
            Add(path, "must not be negative.");
        }
    }

    /// <summary>Multipliers live in (0, 100]: zero would erase points, more than 100 is surely a typo.</summary>
    public void Multiplier(string path, decimal? value)
    {
        if (value is { } v && (v <= 0 || v > 100))
        {
            Add(path, "must be greater than 0 and at most 100.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
