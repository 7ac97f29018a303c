using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Members;

public sealed record MemberFilter(string? Tier, string? Segment, string? Query, int Limit, string? After);

public sealed record Activity(DateTimeOffset At, string Type, string Summary, string? EventId);

public sealed class MemberQueries(Database db)
{
    public async Task<Member?> GetAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        return row is null || row.ErasedAt is not null ? null : row.ToMember();
    }

    /// <summary>Ordered by id; the cursor is the last id of the page.</summary>
    public async Task<(IReadOnlyList<Member> Items, string? Next)> ListAsync(string tenantId, MemberFilter filter, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var where = new List<string> { "tenant_id = @tenantId", "erased_at IS NULL" };
        if (filter.Tier is not null)
        {
            where.Add("tier_id = @Tier");
        }
        if (filter.Segment is not null)
        {
            where.Add("segment = @Segment");
        }
        if (filter.Query is not null)
        {
            where.Add("(lower(member_id) LIKE @like OR lower(coalesce(email, '')) LIKE @like OR lower(coalesce(name, '')) LIKE @like)");
        }
        if (filter.After is not null)
        {
            where.Add("member_id > @After");
        }
        var like = filter.Query is null ? null : "%" + filter.Query.ToLowerInvariant().Replace("%", "", StringComparison.Ordinal) + "%";
        var rows = (await connection.QueryAsync<MemberRow>(
            $"""
            SELECT tenant_id, member_id, email, phone, name, birth_date, time_zone, locale, referred_by_code, consent_email, consent_sms,
                   tier_id, segment, points_balance, wallet_minor, created_at, updated_at, erased_at
            FROM members WHERE {string.Join(" AND ", where)} ORDER BY member_id LIMIT @take
            """,
            new { tenantId, filter.Tier, filter.Segment, like, filter.After, take = filter.Limit + 1 })).ToList();
        var items = rows.Take(filter.Limit).Select(r => r.ToMember()).ToList();
        return (items, rows.Count > filter.Limit ? items[^1].Id : null);
    }

    public async Task<IReadOnlyList<Activity>> RecentActivityAsync(string tenantId, string memberId, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<LedgerRow>(
            """
            SELECT at, kind, amount, account, reason, event_id FROM ledger_lines
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY line_id DESC LIMIT @limit
            """, new { tenantId, memberId, limit });
        return rows.Select(r => new Activity(r.At, r.Kind, $"{(r.Amount >= 0 ? "+" : "")}{r.Amount} {r.Account}: {r.Reason}", r.EventId)).ToList();
    }

    /// <summary>Everything stored about one member (GDPR access request).</summary>
    public async Task<object?> ExportAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return null;
        }
        var args = new { tenantId, memberId };
        return new
        {
            member = member.ToMember(),
            balance = new { points = member.PointsBalance, walletMinor = member.WalletMinor },
            markers = await Markers.ListAsync(connection, tenantId, memberId),
            events = (await connection.QueryAsync<EventRow>(
                "SELECT event_id, type, occurred_at, received_at, data FROM events WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY occurred_at",
                args)).Select(e => new { e.EventId, e.Type, e.OccurredAt, e.ReceivedAt, data = System.Text.Json.JsonDocument.Parse(e.Data).RootElement }),
            orders = await connection.QueryAsync(
                """
                SELECT order_id, occurred_at, currency, total_minor, refunded_minor, points_earned, points_clawed, wallet_earned, wallet_clawed
                FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY occurred_at
                """, args),
            ledger = await connection.QueryAsync(
                "SELECT line_id, at, account, amount, kind, reason, rule_id, program_version, event_id, order_id, redemption_id, expires_at FROM ledger_lines WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY line_id",
                args),
            redemptions = await connection.QueryAsync(
                "SELECT redemption_id, reward_id, points, coupon_code, status, created_at, cancelled_at FROM redemptions WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY created_at",
                args),
        };
    }

    private sealed class LedgerRow
    {
        public DateTimeOffset At { get; init; }
        public string Kind { get; init; } = "";
        public long Amount { get; init; }
        public string Account { get; init; } = "";
        public string Reason { get; init; } = "";
        public string? EventId { get; init; }
    }

    private sealed class EventRow
    {
        public string EventId { get; init; } = "";
        public string Type { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string Data { get; init; } = "{}";
    }
}
