using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Hosting;

/// <summary>Collects every broken field of a request so one answer names them all.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _unreadable = [];

    public bool Any => _errors.Count > 0;

    /// <summary>A rule a readable field breaks. Skipped for a field whose value could not be read (see <see cref="Unreadable"/>).</summary>
    public Errors Add(string field, string message) => Touches(field) ? this : Record(field, message);

    /// <summary>Adds what a validator of the domain found, keyed by field.</summary>
    public Errors AddAll(IReadOnlyDictionary<string, string[]> found)
    {
        foreach (var (field, messages) in found)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
        return this;
    }

    /// <summary>
    /// A field whose value could not be read at all: the wrong JSON type, an unknown name, forbidden characters.
    /// The rules run on a stand-in value for it afterwards, so what they would say about this field, about
    /// anything inside it or about what holds it is noise and is left out.
    /// </summary>
    public Errors Unreadable(string field, string message)
    {
        _unreadable.Add(field);
        return Record(field, message);
    }

    public StoredResponse ToProblem() => Responses.Problem(422, "validation", "The request is not valid",
        string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private Errors Record(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
        return this;
    }

    private bool Touches(string field) => _unreadable.Exists(u => field == u || Within(field, u) || Within(u, field));

    private static bool Within(string inner, string outer) =>
        inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) && inner[outer.Length] is '.' or '[';
}
