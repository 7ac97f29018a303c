namespace Tango.Domain.Journeys;

/// <summary>
/// The shape of what a message template may read: objects with named fields, lists of one element shape,
/// plain values, and open values (an event's free-form data) below which anything goes. A template that
/// reads something outside this shape is refused when the journey is saved.
/// </summary>
public sealed class TemplateSchema
{
    private TemplateSchema(IReadOnlyDictionary<string, TemplateSchema>? fields, TemplateSchema? element, bool open)
    {
        Fields = fields;
        Element = element;
        IsOpen = open;
    }

    public static TemplateSchema Value { get; } = new(null, null, false);

    public static TemplateSchema Open { get; } = new(null, null, true);

    public static TemplateSchema Object(params (string Name, TemplateSchema Shape)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.Ordinal), null, false);

    public static TemplateSchema ListOf(TemplateSchema element) => new(null, element, false);

    public IReadOnlyDictionary<string, TemplateSchema>? Fields { get; }

    public TemplateSchema? Element { get; }

    public bool IsOpen { get; }

    public bool IsList => Element is not null;

    /// <summary>The shape of `this.name`, or null when there is no such field. Lists have size, first and last.</summary>
    public TemplateSchema? Member(string name)
    {
        if (IsOpen)
        {
            return Open;
        }
        if (Element is { } element)
        {
            return name switch
            {
                "size" => Value,
                "first" or "last" => element,
                _ => null,
            };
        }
        if (Fields is { } fields)
        {
            return fields.TryGetValue(name, out var shape) ? shape : name == "size" ? Value : null;
        }
        // Strings answer size too ("{{ member.name.size }}").
        return name == "size" ? Value : null;
    }

    /// <summary>The shape of `this[i]`: a list's element, anything for open values, nothing otherwise.</summary>
    public TemplateSchema? Index() => IsOpen ? Open : Element ?? (Fields is not null ? Open : null);
}
