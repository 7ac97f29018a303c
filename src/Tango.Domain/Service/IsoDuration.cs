using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tango.Domain.Service;

/// <summary>
/// ISO-8601 durations of fixed length: weeks, days, hours, minutes and whole seconds ("PT2H", "P1DT12H",
/// "P2W"). Years and months are refused because their length depends on the calendar.
/// </summary>
public static partial class IsoDuration
{
    /// <summary>The longest duration accepted: anything longer is surely a typo in an SLA or a query.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3660);

    [GeneratedRegex(@"^P(?:(?<w>\d{1,9})W|(?:(?<d>\d{1,9})D)?(?:T(?=\d)(?:(?<h>\d{1,9})H)?(?:(?<m>\d{1,9})M)?(?:(?<s>\d{1,9})S)?)?)$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text is null or "P" || Pattern().Match(text) is not { Success: true } match)
        {
            return false;
        }
        double Part(string name, double seconds) =>
            match.Groups[name].Success ? long.Parse(match.Groups[name].ValueSpan, CultureInfo.InvariantCulture) * seconds : 0;
        var total = Part("w", 7 * 86_400) + Part("d", 86_400) + Part("h", 3_600) + Part("m", 60) + Part("s", 1);
        if (total > Max.TotalSeconds)
        {
            return false;
        }
        value = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>The shortest form: "P1DT2H30M", "PT45M", "PT0S".</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "PT0S";
        }
        var text = new StringBuilder("P");
        if (value.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Days}D");
        }
        if (value.Hours > 0 || value.Minutes > 0 || value.Seconds > 0)
        {
            text.Append('T');
            Append(text, value.Hours, 'H');
            Append(text, value.Minutes, 'M');
            Append(text, value.Seconds, 'S');
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, int amount, char unit)
    {
        if (amount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{amount}{unit}");
        }
    }
}
