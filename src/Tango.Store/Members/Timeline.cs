using System.Globalization;
using Tango.Store.Infrastructure;

namespace Tango.Store.Members;

/// <summary>One thing that happened to a member, in words, with the ids to look it up by.</summary>
public sealed record TimelineItem(DateTimeOffset At, string Kind, string Title, string? Detail, IReadOnlyDictionary<string, object?> Refs)
{
    /// <summary>An order's lines as the checkout sent them; null for every other kind.</summary>
    public IReadOnlyList<TimelineOrderLine>? Lines { get; init; }
}

public sealed record TimelineOrderLine(string Sku, string? Category, decimal Quantity, decimal UnitPrice);

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, string? NextCursor);

/// <summary>What a timeline read came back with: a page, or why there is none.</summary>
public abstract record TimelineOutcome
{
    public sealed record Page(TimelinePage Value) : TimelineOutcome;

    public sealed record UnknownMember : TimelineOutcome;

    /// <summary>A cursor this store did not give out.</summary>
    public sealed record BadCursor : TimelineOutcome;
}

public static class TimelineKinds
{
    public const string Order = "order", Refund = "refund", Points = "points", Redemption = "redemption", Coupon = "coupon",
        Tier = "tier", Message = "message", Ticket = "ticket", Survey = "survey", Referral = "referral", Badge = "badge",
        Insider = "insider", Marker = "marker";

    public static IReadOnlyList<string> All { get; } =
        [Order, Refund, Points, Redemption, Coupon, Tier, Message, Ticket, Survey, Referral, Badge, Insider, Marker];
}

/// <summary>
/// Where a page ended: the last item's time, kind, source (a kind read from two tables, such as referrals both
/// ways, has two) and its id in that source. Items are ordered newest first by this tuple, so the next page is
/// everything strictly below it, and an item added later at an earlier time never shifts what was already paged.
/// </summary>
internal sealed record TimelineCursor(DateTimeOffset At, string Kind, int Part, string Id)
{
    public string Encode() =>
        string.Join('|', At.UtcTicks.ToString(CultureInfo.InvariantCulture), Kind, Part.ToString(CultureInfo.InvariantCulture), Id);

    public static TimelineCursor? Decode(string text)
    {
        var parts = text.Split('|', 4);
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !TimelineKinds.All.Contains(parts[1]) || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var part))
        {
            return null;
        }
        return new TimelineCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1], part, parts[3]);
    }

    /// <summary>The position of a source (kind, part) against the cursor's, in the newest-first order.</summary>
    public int CompareSource(string kind, int part)
    {
        var byKind = string.CompareOrdinal(kind, Kind);
        return byKind != 0 ? byKind : part.CompareTo(Part);
    }
}

/// <summary>An item with its place in the order: its source's part and its id there.</summary>
internal sealed record TimelineEntry(TimelineItem Item, int Part, string Id);

/// <summary>
/// The member's timeline: each source is read newest first from the cursor with the page's limit (through an index on
/// the member and time), and the sources are merged in memory, so a page costs the same for a member with ten lines
/// and one with ten thousand.
/// </summary>
internal static class MemberTimeline
{
    public static async Task<TimelineOutcome> ReadAsync(Database db, string tenantId, string memberId, IReadOnlyCollection<string> kinds,
        int limit, string? cursorText, string currency, DateTimeOffset now, CancellationToken ct)
    {
        TimelineCursor? cursor = null;
        if (cursorText is not null && (cursor = TimelineCursor.Decode(cursorText)) is null)
        {
            return new TimelineOutcome.BadCursor();
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return new TimelineOutcome.UnknownMember();
        }
        var read = new TimelineRead(connection, tenantId, memberId, cursor, limit + 1, currency, now);
        var entries = new List<TimelineEntry>();
        foreach (var source in TimelineSources.All.Where(s => kinds.Contains(s.Kind)))
        {
            entries.AddRange(await source.Read(read));
        }
        // Each source came back in its own newest-first order (its ids compared by the database); the sort is stable, so
        // ties on time, kind and part keep that order.
        var merged = entries.OrderByDescending(e => e.Item.At).ThenByDescending(e => e.Item.Kind, StringComparer.Ordinal)
            .ThenByDescending(e => e.Part).ToList();
        var page = merged.Take(limit).ToList();
        var next = merged.Count > limit ? new TimelineCursor(page[^1].Item.At, page[^1].Item.Kind, page[^1].Part, page[^1].Id).Encode() : null;
        return new TimelineOutcome.Page(new TimelinePage(page.Select(e => e.Item).ToList(), next));
    }

    /// <summary>The first thing the member did (an event's time), or null when nothing is recorded yet.</summary>
    public static async Task<DateTimeOffset?> FirstEventAsync(Database db, string tenantId, string memberId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await Dapper.SqlMapper.ExecuteScalarAsync<DateTimeOffset?>(connection,
            "SELECT min(occurred_at) FROM events WHERE tenant_id = @tenantId AND member_id = @memberId", new { tenantId, memberId });
    }
}
