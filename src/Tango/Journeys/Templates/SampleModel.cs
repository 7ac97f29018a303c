using Tango.Domain.Journeys;

namespace Tango.Journeys.Templates;

/// <summary>
/// A made-up member to render a template for before it is saved, shaped by what the template may read: every
/// value a short text, every list three items long, free-form event data empty. It shows what the template itself
/// makes of an ordinary member; what it makes of a real member's data is judged again at every send.
/// </summary>
internal static class SampleModel
{
    public const int ListLength = 3;

    public static Dictionary<string, object?> For(IReadOnlyDictionary<string, TemplateSchema> variables) =>
        variables.ToDictionary(v => v.Key, v => Sample(v.Key, v.Value), StringComparer.Ordinal);

    private static object? Sample(string name, TemplateSchema shape) =>
        shape.IsOpen ? new Dictionary<string, object?>(StringComparer.Ordinal)
        : shape.Element is { } element ? Enumerable.Range(0, ListLength).Select(_ => Sample(name, element)).ToList()
        : shape.Fields is { } fields ? fields.ToDictionary(f => f.Key, f => Sample(f.Key, f.Value), StringComparer.Ordinal)
        : "sample " + name;
}
