using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Tango.Store.Members;

/// <summary>
/// One source of the timeline: its kind, its part (0, or 1 for a kind's second table) and how to read a page of it.
/// </summary>
internal sealed record TimelineSource(string Kind, int Part, Func<TimelineRead, TimelineSource, Task<IEnumerable<TimelineEntry>>> Reader)
{
    public Task<IEnumerable<TimelineEntry>> Read(TimelineRead read) => Reader(read, this);
}

/// <summary>What every source reads with: the member, the cursor and how many rows to take.</summary>
internal sealed record TimelineRead(DbConnection Connection, string TenantId, string MemberId, TimelineCursor? Cursor, int Take,
    string Currency, DateTimeOffset Now)
{
    /// <summary>
    /// The rows of a source strictly after the cursor, newest first. A source ordered before the cursor's
    /// (kind, part) at the same time comes after it, so it keeps that time; one ordered after it does not; the
    /// cursor's own source goes on below the cursor's id at that time.
    /// </summary>
    public async Task<IEnumerable<T>> QueryAsync<T>(TimelineSource source, string select, string where, string at, string id, bool numericId = false,
        object? extra = null)
    {
        var args = new DynamicParameters(new { tenantId = TenantId, memberId = MemberId, take = Take });
        if (extra is not null)
        {
            args.AddDynamicParams(extra);
        }
        var bound = "";
        if (Cursor is { } cursor)
        {
            args.Add("cursorAt", cursor.At);
            var place = cursor.CompareSource(source.Kind, source.Part);
            if (place == 0)
            {
                if (numericId)
                {
                    args.Add("cursorId", long.TryParse(cursor.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue);
                }
                else
                {
                    args.Add("cursorId", cursor.Id);
                }
            }
            bound = place switch
            {
                < 0 => $" AND {at} <= @cursorAt",
                > 0 => $" AND {at} < @cursorAt",
                _ => $" AND ({at} < @cursorAt OR ({at} = @cursorAt AND {id} < @cursorId))",
            };
        }
        return await Connection.QueryAsync<T>($"{select} WHERE {where}{bound} ORDER BY {at} DESC, {id} DESC LIMIT @take", args);
    }
}

/// <summary>Builds an item's references, leaving out the ones that are null so each kind shows only what it has.</summary>
internal sealed class Refs : Dictionary<string, object?>
{
    public Refs With(string name, object? value)
    {
        if (value is not null)
        {
            this[name] = value;
        }
        return this;
    }
}
