using System.Globalization;
using System.Text.RegularExpressions;

namespace Tango.Hosting;

/// <summary>Field rules shared by several endpoints.</summary>
public static partial class Validate
{
    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,128}$")]
    private static partial Regex IdPattern();

    /// <summary>
    /// A client's own id (a member's, a key's). "." and ".." are not ids: they are path segments that every URL
    /// parser removes, so no URL could ever reach what they name.
    /// </summary>
    public static bool IsId(string? value) => value is not (null or "." or "..") && IdPattern().IsMatch(value);

    public const string IdRule = "Must be 1-128 characters of A-Z a-z 0-9 . _ : @ - (and not . or .. alone).";

    public static bool IsDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsTimeZone(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(value);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static bool IsEmail(string? value) =>
        value is { Length: > 2 and <= 254 } && value.IndexOf('@', StringComparison.Ordinal) is > 0 && value[^1] != '@' && !value.Any(char.IsWhiteSpace);
}
