namespace Tango.Domain.Service;

/// <summary>The API and the store spell these enums as their lower-case names ("urgent", "csat").</summary>
public static class ServiceNames
{
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Only the exact lower-case name parses: no numbers, no other casing.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is { Length: > 0 } && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out value);
    }

    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    /// <summary>"low, normal, high, urgent", for error messages.</summary>
    public static string List<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Name));
}
