namespace Tango.Domain.Journeys;

/// <summary>Messages per JSON path, in the order found.</summary>
internal sealed class JourneyErrors
{
    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public void Add(string path, string message)
    {
        if (!_byPath.TryGetValue(path, out var messages))
        {
            _byPath[path] = messages = [];
        }
        messages.Add(message);
    }

    public void AddAll(string path, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(path, message);
        }
    }

    public void Range(string path, long? value, long min, long max, bool required)
    {
        if (value is null ? required : value < min || value > max)
        {
            Add(path, $"{(required ? "Required: a" : "A")} whole number from {min} to {max}.");
        }
    }

    /// <summary>A non-empty list whose every item is one of <paramref name="known"/>.</summary>
    public void Known(string path, IReadOnlyList<string>? values, IReadOnlyList<string> known)
    {
        if (values is null)
        {
            return;
        }
        if (values.Count == 0)
        {
            Add(path, $"A non-empty list of: {string.Join(", ", known)}.");
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (!known.Contains(values[i]))
            {
                Add($"{path}[{i}]", $"One of {string.Join(", ", known)}.");
            }
        }
    }

    public void Only(string path, object? value, string where)
    {
        if (value is not null)
        {
            Add(path, $"Only for {where}.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
