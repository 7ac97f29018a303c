using System.Text;
using System.Text.Json;
using Tango.Store.Infrastructure;

namespace Tango.Web.Shared;

/// <summary>The stored analytics overview document, as the dashboard reads it.</summary>
public sealed record OverviewDocument(
    DateTimeOffset ComputedAt,
    int Members,
    int ActiveMembers,
    int ActiveWindowDays,
    int Purchasers,
    long Orders,
    decimal Revenue,
    double? RepeatPurchaseRate,
    decimal? AverageOrderValue,
    double? ChurnRate,
    double? Nps,
    int NpsAnswers,
    decimal PointsLiability)
{
    public static OverviewDocument Parse(string json) =>
        JsonSerializer.Deserialize<OverviewDocument>(json, StoreJson.Options) ?? throw new JsonException("An empty overview.");
}

/// <summary>Small server-drawn SVG pieces: every mark carries a &lt;title&gt;, which browsers show as a tooltip.</summary>
public static class Charts
{
    /// <summary>A sparkline of <paramref name="values"/> (oldest first), 120×28.</summary>
    public static string Sparkline(IReadOnlyList<double> values, string title)
    {
        if (values.Count < 2)
        {
            return "";
        }
        double min = values.Min(), max = values.Max();
        var span = max - min;
        var points = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var x = 2 + (116.0 * i / (values.Count - 1));
            var y = span == 0 ? 14 : 26 - (24 * (values[i] - min) / span);
            points.Append(Fmt.Svg(x)).Append(',').Append(Fmt.Svg(y)).Append(' ');
        }
        var last = points.ToString().Trim().Split(' ')[^1].Split(',');
        return $"""<svg class="spark" width="120" height="28" viewBox="0 0 120 28" role="img" aria-label="{Escape(title)}"><title>{Escape(title)}</title><polyline points="{points.ToString().Trim()}" fill="none" stroke="#2563eb" stroke-width="1.6"/><circle cx="{last[0]}" cy="{last[1]}" r="2.4" fill="#c2410c"/></svg>""";
    }

    public static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    /// <summary>A cell colour for a share 0..1 on a white-to-blue scale, with readable text.</summary>
    public static string Heat(double share)
    {
        var s = Math.Clamp(share, 0, 1);
        var r = (int)(239 - (202 * s));
        var g = (int)(246 - (147 * s));
        var b = (int)(255 - (20 * s));
        var ink = s > 0.55 ? "#fff" : "#1d2433";
        return $"background:rgb({r},{g},{b});color:{ink}";
    }
}
