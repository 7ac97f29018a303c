namespace Tango.Web.Shared;

/// <summary>Validation messages by field name, shown next to the field they are about.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public int Count => _byField.Values.Sum(m => m.Count);

    public IEnumerable<KeyValuePair<string, List<string>>> All => _byField;

    public FieldErrors Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }
        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
        return this;
    }

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var messages) ? messages : [];

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>True when any message is about this field or something under it (its items, its properties).</summary>
    public bool Under(string prefix) => _byField.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal)
        || k.StartsWith(prefix + "[", StringComparison.Ordinal));
}
