using Microsoft.AspNetCore.WebUtilities;
using Tango.Members;
using Tango.Store.Members;

namespace Tango.Web.Admin;

/// <summary>
/// The explorer's addresses: the current filters (as the API takes them) with one thing changed, so every sort header,
/// page link and CSV export keeps what the marketer chose.
/// </summary>
public sealed class ExplorerLinks(IReadOnlyDictionary<string, string> values)
{
    public const string Page = "/admin/members";
    public const string Csv = "/admin/members.csv";

    public string? Value(string name) => values.GetValueOrDefault(name);

    public string With(string name, string? value, string path = Page)
    {
        var next = values.Where(v => v.Key != name && v.Key != "cursor").ToDictionary(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(value))
        {
            next[name] = value;
        }
        return QueryHelpers.AddQueryString(path, next.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
    }

    public string CsvLink => With("cursor", null, Csv);

    public string NextPage(string cursor) => With("cursor", null) is var first && first.Contains('?', StringComparison.Ordinal)
        ? first + "&cursor=" + Uri.EscapeDataString(cursor)
        : first + "?cursor=" + Uri.EscapeDataString(cursor);

    public string FirstPage => With("cursor", null);

    /// <summary>A column header's link: sorts by it descending first (the biggest figures are usually wanted), then flips.</summary>
    public string SortBy(string name) => With("sort", Value("sort") == "-" + name ? name : "-" + name);

    /// <summary>▲ or ▼ beside the column the list is sorted by.</summary>
    public string Arrow(string name) => Value("sort") switch
    {
        var s when s == name => " ▲",
        var s when s == "-" + name => " ▼",
        null when name == "id" => " ▲",
        _ => "",
    };

    public string? AriaSort(string name) => Arrow(name) switch
    {
        " ▲" => "ascending",
        " ▼" => "descending",
        _ => null,
    };

    /// <summary>The query's filter values as the saved segment keeps them.</summary>
    public IReadOnlyDictionary<string, string> Filter =>
        values.Where(v => MemberSearchRequest.FilterNames.Contains(v.Key)).ToDictionary(StringComparer.Ordinal);

    public static ExplorerLinks Of(IQueryCollection query) =>
        new(query.Where(q => q.Value.Count == 1 && q.Value.ToString().Trim().Length > 0)
            .ToDictionary(q => q.Key, q => q.Value.ToString().Trim(), StringComparer.Ordinal));

    public static string ForSort(MemberSort sort) =>
        (sort.Descending ? "-" : "") + MemberSearchRequest.SortNames.First(s => s.Value == sort.Key).Key;
}
