using System.Globalization;

namespace Tango.Store.Members;

/// <summary>What the member list can be ordered by; every key is followed by the member id, which breaks ties.</summary>
public enum MemberSortKey
{
    Id,
    LastPurchase,
    Orders,
    Spend,
    Clv,
    PAlive,
    Points,
}

public sealed record MemberSort(MemberSortKey Key, bool Descending)
{
    public static MemberSort ById { get; } = new(MemberSortKey.Id, false);

    /// <summary>Keys kept per member by the analytics refresh; members it has not scored have none.</summary>
    public bool ByInsight => Key is not (MemberSortKey.Id or MemberSortKey.Points);
}

/// <summary>
/// One set of conditions on members, all of which must hold. A search holds several (the query's own and a
/// saved segment's), and a member must match every one of them.
/// </summary>
public sealed record MemberFilter
{
    /// <summary>The loyalty stage of members the analytics refresh has not scored: they never purchased.</summary>
    public const string NoStage = "none";

    public string? Query { get; init; }
    public string? Tier { get; init; }
    public string? Segment { get; init; }
    public string? Stage { get; init; }
    public double? MinPAlive { get; init; }
    public double? MaxPAlive { get; init; }
    public double? MinClv { get; init; }
    public double? MaxClv { get; init; }
    public DateOnly? LastPurchaseBefore { get; init; }
    public DateOnly? LastPurchaseAfter { get; init; }
    public int? MinOrders { get; init; }
    public bool? EmailConsent { get; init; }
    public int? RfmR { get; init; }
    public int? RfmF { get; init; }

    /// <summary>True when only a member the analytics refresh scored can match.</summary>
    public bool NeedsInsight =>
        Segment is not null || Stage is not (null or NoStage) || MinPAlive is not null || MaxPAlive is not null ||
        MinClv is not null || MaxClv is not null || LastPurchaseBefore is not null || LastPurchaseAfter is not null ||
        MinOrders > 0 || RfmR is not null || RfmF is not null;

    /// <summary>True when only a member the analytics refresh did not score can match.</summary>
    public bool NeedsNoInsight => Stage == NoStage;

    public bool OnMember => Query is not null || Tier is not null || EmailConsent is not null;
}

/// <summary>
/// Where a page ended: the group (members without insights come before the scored ones in ascending order, after
/// them in descending order), the sort key of the last member as invariant text, and that member's id.
/// </summary>
public sealed record MemberCursor(MemberSort Sort, bool Unscored, string Key, string Id)
{
    public string ToText() =>
        string.Join('|', Name(Sort), Unscored ? "u" : "s", Key, Id);

    /// <summary>Null when the text is not a cursor for this sort. A bare member id is the cursor of the list by id.</summary>
    public static MemberCursor? Parse(string text, MemberSort sort)
    {
        var parts = text.Split('|');
        if (parts.Length == 1)
        {
            return sort == MemberSort.ById && text.Length > 0 ? new MemberCursor(sort, false, "", text) : null;
        }
        if (parts.Length != 4 || parts[0] != Name(sort) || parts[1] is not ("u" or "s") || parts[3].Length == 0)
        {
            return null;
        }
        var cursor = new MemberCursor(sort, parts[1] == "u", parts[2], parts[3]);
        return cursor.Unscored || KeyValue(cursor) is not null ? cursor : null;
    }

    /// <summary>The key as the query compares it: a number, a day as text, or nothing (the id alone).</summary>
    internal static object? KeyValue(MemberCursor cursor)
    {
        var key = cursor.Key;
        var c = CultureInfo.InvariantCulture;
        return cursor.Sort.Key switch
        {
            MemberSortKey.Id => "",
            MemberSortKey.Orders or MemberSortKey.Points => long.TryParse(key, NumberStyles.AllowLeadingSign, c, out var n) ? n : null,
            MemberSortKey.LastPurchase => DateOnly.TryParseExact(key, "yyyy-MM-dd", c, DateTimeStyles.None, out _) ? key : null,
            _ => double.TryParse(key, NumberStyles.Float, c, out var d) && double.IsFinite(d) ? d : null,
        };
    }

    private static string Name(MemberSort sort) => (sort.Descending ? "-" : "") + sort.Key.ToString();
}

public sealed record MemberSearch(IReadOnlyList<MemberFilter> Filters, MemberSort Sort, int Limit, MemberCursor? After = null);

/// <summary>
/// A member as the list shows them. <paramref name="MemberSince"/> is the first purchase; orders, spend and the
/// last purchase are as of the last analytics refresh.
/// </summary>
public sealed record MemberListItem(
    string Id,
    string? Name,
    string? Email,
    string? Tier,
    string? Segment,
    string Stage,
    double? PAlive,
    double? Clv,
    int Orders,
    decimal Spend,
    DateTimeOffset? LastPurchaseAt,
    long Points,
    DateTimeOffset? MemberSince);

public sealed record MemberPage(IReadOnlyList<MemberListItem> Items, MemberCursor? Next, long? Total);
