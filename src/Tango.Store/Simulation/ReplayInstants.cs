using System.Globalization;

namespace Tango.Store.Simulation;

/// <summary>Instants as the stores hand them back, read fast: a million of them are read per simulation.</summary>
internal static class ReplayInstants
{
    /// <summary>SQLite's fixed-width "yyyy-MM-ddTHH:mm:ss.fffffffZ" (see DapperSetup), digit by digit; anything else parsed.</summary>
    public static DateTimeOffset FromText(string text)
    {
        if (text.Length == 28 && text[4] == '-' && text[10] == 'T' && text[19] == '.' && text[27] == 'Z')
        {
            var utc = new DateTime(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2), Digits(text, 11, 2), Digits(text, 14, 2),
                Digits(text, 17, 2), DateTimeKind.Utc).AddTicks(Digits(text, 20, 7));
            return new DateTimeOffset(utc);
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public static DateTimeOffset From(object value) => value switch
    {
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto => dto.ToUniversalTime(),
        string s => FromText(s),
        _ => throw new InvalidCastException($"Cannot read an instant from {value.GetType().Name}"),
    };

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new FormatException($"'{text}' is not an instant.");
            }
            value = (value * 10) + digit;
        }
        return value;
    }
}
