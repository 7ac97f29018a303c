using System.Globalization;
using Tango.Domain.Analytics.Rfm;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Members;

namespace Tango.Members;

/// <summary>A member list query read from its parameters: the filter, the order, and the saved segment it names.</summary>
public sealed record MemberQuery(MemberFilter Filter, MemberSort Sort, string? SavedSegment, IReadOnlyDictionary<string, string> FilterValues);

/// <summary>
/// The one reader of member filters: the list's query string and a saved segment's <c>filter</c> go through it, so
/// they take the same names and values and answer the same messages. An empty value is no filter (an HTML form sends
/// its empty fields).
/// </summary>
public static class MemberSearchRequest
{
    public static readonly IReadOnlyList<string> FilterNames =
    [
        "q", "tier", "segment", "stage", "minPAlive", "maxPAlive", "minClv", "maxClv", "lastPurchaseBefore", "lastPurchaseAfter",
        "minOrders", "emailConsent", "rfmR", "rfmF",
    ];

    private static readonly string[] s_listNames = ["savedSegment", "sort", "limit", "cursor"];

    public static readonly IReadOnlyList<string> Stages = [MemberFilter.NoStage, "new", "temporary", "long-term", "fan", "lapsing"];

    public static readonly IReadOnlyDictionary<string, MemberSortKey> SortNames = new Dictionary<string, MemberSortKey>(StringComparer.Ordinal)
    {
        ["id"] = MemberSortKey.Id,
        ["lastPurchase"] = MemberSortKey.LastPurchase,
        ["orders"] = MemberSortKey.Orders,
        ["spend"] = MemberSortKey.Spend,
        ["clv"] = MemberSortKey.Clv,
        ["pAlive"] = MemberSortKey.PAlive,
        ["points"] = MemberSortKey.Points,
    };

    public static IReadOnlyList<string> Segments { get; } = RfmSegments.All.Select(s => s.Name()).ToList();

    /// <summary>Reads `GET /v1/members`'s parameters (and the dashboard's, which are the same).</summary>
    public static (MemberQuery? Query, StoredResponse? Problem) Read(IQueryCollection query)
    {
        var errors = new Errors();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!FilterNames.Contains(name) && !s_listNames.Contains(name))
            {
                errors.Add(name, $"Not a member filter; the list takes {string.Join(", ", FilterNames.Concat(s_listNames))}.");
            }
            else if (value.Count > 1)
            {
                errors.Add(name, "Give it once.");
            }
            else if (value.ToString().Trim() is { Length: > 0 } text)
            {
                values[name] = text;
            }
        }
        var filter = ReadFilter(values, errors, "");
        var sort = ReadSort(values.GetValueOrDefault("sort"), errors);
        var saved = values.GetValueOrDefault("savedSegment");
        if (saved is not null && !Validate.IsId(saved))
        {
            errors.Add("savedSegment", "No saved segment has this key.");
        }
        var filterValues = values.Where(v => FilterNames.Contains(v.Key)).ToDictionary(StringComparer.Ordinal);
        return errors.Any ? (null, errors.ToProblem()) : (new MemberQuery(filter, sort, saved, filterValues), null);
    }

    /// <summary>
    /// Reads the filter fields among <paramref name="values"/> (text, as a query string holds them), naming a broken
    /// one as <paramref name="prefix"/> + its name.
    /// </summary>
    public static MemberFilter ReadFilter(IReadOnlyDictionary<string, string> values, Errors errors, string prefix)
    {
        string? Text(string name) => values.TryGetValue(name, out var v) && v.Trim().Length > 0 ? v.Trim() : null;
        var q = Text("q");
        if (q is { Length: > 200 })
        {
            errors.Add(prefix + "q", "At most 200 characters.");
        }
        var filter = new MemberFilter
        {
            Query = q,
            Tier = Text("tier"),
            Segment = OneOf(Text("segment"), Segments, prefix + "segment", errors),
            Stage = OneOf(Text("stage"), Stages, prefix + "stage", errors),
            MinPAlive = Number(Text("minPAlive"), 0, 1, prefix + "minPAlive", errors),
            MaxPAlive = Number(Text("maxPAlive"), 0, 1, prefix + "maxPAlive", errors),
            MinClv = Number(Text("minClv"), 0, 1e15, prefix + "minClv", errors),
            MaxClv = Number(Text("maxClv"), 0, 1e15, prefix + "maxClv", errors),
            LastPurchaseBefore = Day(Text("lastPurchaseBefore"), prefix + "lastPurchaseBefore", errors),
            LastPurchaseAfter = Day(Text("lastPurchaseAfter"), prefix + "lastPurchaseAfter", errors),
            MinOrders = (int?)Whole(Text("minOrders"), 0, 1_000_000, prefix + "minOrders", errors),
            EmailConsent = Text("emailConsent") switch
            {
                null => null,
                "true" => true,
                "false" => false,
                _ => Broken<bool?>(errors, prefix + "emailConsent", "Must be true or false."),
            },
            RfmR = (int?)Whole(Text("rfmR"), 1, 5, prefix + "rfmR", errors),
            RfmF = (int?)Whole(Text("rfmF"), 1, 5, prefix + "rfmF", errors),
        };
        if (filter.MinPAlive > filter.MaxPAlive)
        {
            errors.Add(prefix + "maxPAlive", "Must not be below minPAlive.");
        }
        if (filter.MinClv > filter.MaxClv)
        {
            errors.Add(prefix + "maxClv", "Must not be below minClv.");
        }
        return filter;
    }

    private static MemberSort ReadSort(string? text, Errors errors)
    {
        if (text is null)
        {
            return MemberSort.ById;
        }
        var descending = text.StartsWith('-');
        if (SortNames.TryGetValue(descending ? text[1..] : text, out var key))
        {
            return new MemberSort(key, descending);
        }
        errors.Add("sort", $"Not a sort; the list sorts by {string.Join(", ", SortNames.Keys)}, with - first for descending.");
        return MemberSort.ById;
    }

    private static string? OneOf(string? text, IReadOnlyList<string> allowed, string field, Errors errors) =>
        text is null || allowed.Contains(text) ? text : Broken<string?>(errors, field, $"Must be one of {string.Join(", ", allowed)}.");

    private static double? Number(string? text, double min, double max, string field, Errors errors) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : Broken<double?>(errors, field, $"Must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");

    private static long? Whole(string? text, long min, long max, string field, Errors errors) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : Broken<long?>(errors, field, $"Must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");

    private static DateOnly? Day(string? text, string field, Errors errors) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : Broken<DateOnly?>(errors, field, "Must be a date, YYYY-MM-DD.");

    private static T Broken<T>(Errors errors, string field, string message)
    {
        errors.Add(field, message);
        return default!;
    }
}
