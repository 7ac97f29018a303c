using System.Globalization;

namespace Tango.Web.Shared;

/// <summary>How numbers, money and instants read on the web pages (one invariant style, UTC).</summary>
public static class Fmt
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static string Int(long value) => value.ToString("N0", s_c);

    public static string Int(long? value) => value is { } v ? Int(v) : "–";

    public static string Dec(decimal? value, int places = 2) => value is { } v ? v.ToString("N" + places.ToString(s_c), s_c) : "–";

    public static string Dec(double? value, int places = 2) => value is { } v && double.IsFinite(v) ? v.ToString("N" + places.ToString(s_c), s_c) : "–";

    public static string Money(decimal? value, string currency) => value is { } v ? $"{v.ToString("N2", s_c)} {currency}" : "–";

    public static string Pct(double? share, int places = 1) => share is { } v && double.IsFinite(v) ? (v * 100).ToString("N" + places.ToString(s_c), s_c) + " %" : "–";

    public static string Day(DateTimeOffset? at) => at is { } v ? v.UtcDateTime.ToString("d MMM yyyy", s_c) : "–";

    public static string Day(DateOnly? day) => day is { } d ? d.ToString("d MMM yyyy", s_c) : "–";

    public static string When(DateTimeOffset? at) => at is { } v ? v.UtcDateTime.ToString("d MMM yyyy HH:mm", s_c) + " UTC" : "–";

    public static string Num(double value, int places = 1) => value.ToString("0." + new string('#', places), s_c);

    /// <summary>For SVG coordinates: invariant, short.</summary>
    public static string Svg(double value) => value.ToString("0.##", s_c);

    public static string Label(string? name) => string.IsNullOrEmpty(name) ? "–" : char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' ');
}
