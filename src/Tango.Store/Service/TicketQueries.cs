using System.Globalization;
using Dapper;
using Tango.Domain.Service;
using Tango.Store.Infrastructure;

namespace Tango.Store.Service;

public sealed class TicketQueries(Database db, TimeProvider clock)
{
    // Tickets with nothing pending sort after every due time.
    private static readonly DateTimeOffset s_never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private const string SortKey = "coalesce(next_due_at, @never)";

    public async Task<Ticket?> GetAsync(string tenantId, string ticketId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await TicketSql.FindAsync(connection, null, tenantId, ticketId))?.ToTicket();
    }

    /// <summary>
    /// Ordered by the next due time (soonest first, tickets with nothing pending last), then id. `dueWithin`
    /// keeps tickets with a target coming due before now + that much, overdue ones included.
    /// </summary>
    public async Task<(IReadOnlyList<Ticket> Items, string? Next)> ListAsync(string tenantId, TicketFilter filter, CancellationToken ct = default)
    {
        var where = new List<string> { "tenant_id = @tenantId" };
        if (filter.Status is not null)
        {
            where.Add("status = @status");
        }
        if (filter.MemberId is not null)
        {
            where.Add("member_id = @MemberId");
        }
        if (filter.Breached is { } breached)
        {
            where.Add(breached
                ? "(first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)"
                : "(first_response_breached_at IS NULL AND resolution_breached_at IS NULL)");
        }
        DateTimeOffset? horizon = filter.DueWithin is { } within ? clock.GetUtcNow() + within : null;
        if (horizon is not null)
        {
            where.Add("next_due_at <= @horizon");
        }
        var (afterDue, afterId) = ReadCursor(filter.After);
        if (afterId is not null)
        {
            where.Add($"({SortKey} > @afterDue OR ({SortKey} = @afterDue AND ticket_id > @afterId))");
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<TicketRow>(
            $"SELECT {TicketSql.Columns} FROM tickets WHERE {string.Join(" AND ", where)} ORDER BY {SortKey}, ticket_id LIMIT @take",
            new
            {
                tenantId,
                status = filter.Status is { } s ? ServiceNames.Name(s) : null,
                filter.MemberId,
                horizon,
                never = s_never,
                afterDue,
                afterId,
                take = filter.Limit + 1,
            })).ToList();
        var items = rows.Take(filter.Limit).Select(r => r.ToTicket()).ToList();
        return (items, rows.Count > filter.Limit ? Cursor(items[^1]) : null);
    }

    /// <summary>A member's open and pending tickets, the one coming due soonest first.</summary>
    public async Task<IReadOnlyList<Ticket>> OpenForMemberAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TicketRow>(
            $"""
            SELECT {TicketSql.Columns} FROM tickets
            WHERE tenant_id = @tenantId AND member_id = @memberId AND status IN ('open', 'pending')
            ORDER BY {SortKey}, ticket_id
            """, new { tenantId, memberId, never = s_never });
        return rows.Select(r => r.ToTicket()).ToList();
    }

    private static string Cursor(Ticket last) =>
        (last.NextDueAt ?? s_never).UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + last.TicketId;

    /// <summary>A cursor that does not parse is refused at the edge (<see cref="IsCursor"/>).</summary>
    private static (DateTimeOffset? Due, string? Id) ReadCursor(string? cursor)
    {
        if (cursor is null || cursor.IndexOf('|', StringComparison.Ordinal) is var bar && bar < 1)
        {
            return (null, null);
        }
        return long.TryParse(cursor.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= s_never.UtcTicks
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(bar + 1)..])
            : (null, null);
    }

    public static bool IsCursor(string cursor) => ReadCursor(cursor).Id is not null;
}
