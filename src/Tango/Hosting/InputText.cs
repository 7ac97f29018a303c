using System.Runtime.InteropServices;
using System.Text.Json;

namespace Tango.Hosting;

/// <summary>
/// One rule for all text that comes in: no control characters U+0000 to U+001F except tab, line feed and
/// carriage return, in any JSON string or name, query value or path. PostgreSQL cannot store U+0000 in text at
/// all, and SQLite would keep it; refusing it at the edge gives both stores the same answer (a 422 naming the field).
/// </summary>
public static class InputText
{
    public const string Rule = "Must not contain control characters (U+0000 to U+001F other than tab, line feed and carriage return).";

    public const string NameRule = "A field name must not contain control characters (U+0000 to U+001F other than tab, line feed and carriage return).";

    private static void Check(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values, Errors errors)
    {
        foreach (var (name, value) in values)
        {
            if (!IsAllowed(name) || value.Any(v => !IsAllowed(v)))
            {
                errors.Unreadable(name, Rule);
            }
        }
    }

    public static bool IsAllowed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Names every string or property name under <paramref name="element"/> that breaks the rule. False when some
    /// text holds an escaped lone surrogate (such as \ud800): valid JSON, but no .NET string can hold it.
    /// </summary>
    public static bool Check(JsonElement element, string path, Errors errors)
    {
        // Both kinds of trouble can only be written as escapes, so text without a backslash is clean.
        if (!JsonMarshal.GetRawUtf8Value(element).Contains((byte)'\\'))
        {
            return true;
        }
        try
        {
            Walk(element, path, errors);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Walk(JsonElement element, string path, Errors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (!IsAllowed(property.Name))
                    {
                        errors.Unreadable(at, NameRule);
                    }
                    Walk(property.Value, at, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", errors);
                }
                break;
            case JsonValueKind.String when JsonMarshal.GetRawUtf8Value(element).Contains((byte)'\\'):
                if (!IsAllowed(element.GetString()))
                {
                    errors.Unreadable(path.Length == 0 ? "body" : path, Rule);
                }
                break;
        }
    }

    /// <summary>
    /// Applies the rule to the request's path, query values and (for the dashboard's and portal's forms) form values
    /// before any endpoint sees them. JSON bodies are checked where they are read, so each problem names its JSON path.
    /// </summary>
    public static IApplicationBuilder UseInputTextRule(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var errors = new Errors();
        if (!IsAllowed(request.Path.Value))
        {
            errors.Unreadable("path", Rule);
        }
        Check(request.Query, errors);
        if (request.HasFormContentType)
        {
            // Read once here; the form stays cached for the page that binds it.
            Check(await request.ReadFormAsync(context.RequestAborted), errors);
        }
        if (errors.Any)
        {
            await new StoredResponseResult(errors.ToProblem()).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
