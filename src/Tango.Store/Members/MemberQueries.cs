using System.Globalization;
using Dapper;
using Tango.Domain.Money;
using Tango.Store.Infrastructure;

namespace Tango.Store.Members;

public sealed record Activity(DateTimeOffset At, string Type, string Summary, string? EventId);

public sealed class MemberQueries(Database db)
{
    public async Task<Member?> GetAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        return row is null || row.ErasedAt is not null ? null : row.ToMember();
    }

    /// <summary>
    /// One page of the members matching every filter of the search, in its order, and (when asked) how many match in all.
    /// </summary>
    public async Task<MemberPage> SearchAsync(string tenantId, MemberSearch search, bool withTotal, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var sql = new MemberSearchSql(tenantId, search);
        var rows = await sql.PageAsync(connection, search.Limit + 1);
        var items = rows.Take(search.Limit).Select(r => r.Row.ToItem()).ToList();
        MemberCursor? next = null;
        if (rows.Count > search.Limit)
        {
            var (last, group) = rows[search.Limit - 1];
            next = new MemberCursor(search.Sort, group == MemberSearchSql.Group.Unscored, sql.KeyOf(last, group), last.MemberId);
        }
        return new MemberPage(items, next, withTotal ? await sql.CountAsync(connection) : null);
    }

    /// <summary>How many members match every filter now.</summary>
    public async Task<long> CountAsync(string tenantId, IReadOnlyList<MemberFilter> filters, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await new MemberSearchSql(tenantId, new MemberSearch(filters, MemberSort.ById, 1)).CountAsync(connection);
    }

    /// <summary>Members per tier (null: no tier), erased members left out.</summary>
    public async Task<IReadOnlyList<(string? Tier, long Members)>> TierMixAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(string?, long)>(
            "SELECT tier_id, count(*) FROM members WHERE tenant_id = @tenantId AND erased_at IS NULL GROUP BY tier_id ORDER BY 2 DESC",
            new { tenantId })).ToList();
    }

    /// <summary>The newest ledger lines in words; wallet lines are kept in minor units of <paramref name="currency"/> and shown as money.</summary>
    public async Task<IReadOnlyList<Activity>> RecentActivityAsync(string tenantId, string memberId, string currency, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<LedgerRow>(
            """
            SELECT at, kind, amount, account, reason, event_id FROM ledger_lines
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY line_id DESC LIMIT @limit
            """, new { tenantId, memberId, limit });
        return rows.Select(r => new Activity(r.At, r.Kind, Summary(r, currency), r.EventId)).ToList();
    }

    private static string Summary(LedgerRow line, string currency)
    {
        var sign = line.Amount >= 0 ? "+" : "";
        var amount = line.Account == "wallet"
            ? Currency.FromMinor(line.Amount, currency).ToString("F" + Currency.MinorUnits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency
            : line.Amount.ToString(CultureInfo.InvariantCulture);
        return $"{sign}{amount} {line.Account}: {line.Reason}";
    }

    /// <summary>
    /// The member's story newest first, of the given kinds (see <see cref="TimelineKinds"/>); wallet lines are shown in
    /// <paramref name="currency"/>, and a coupon past its expiry at <paramref name="now"/> is "expired".
    /// </summary>
    public Task<TimelineOutcome> TimelineAsync(string tenantId, string memberId, IReadOnlyCollection<string> kinds, int limit, string? cursor,
        string currency, DateTimeOffset now, CancellationToken ct = default) =>
        MemberTimeline.ReadAsync(db, tenantId, memberId, kinds, limit, cursor, currency, now, ct);

    /// <summary>When the member's story starts: its first event (purchase or other), else when the member was created.</summary>
    public async Task<DateTimeOffset> MemberSinceAsync(Member member, string tenantId, CancellationToken ct = default) =>
        await MemberTimeline.FirstEventAsync(db, tenantId, member.Id, ct) ?? member.CreatedAt;

    /// <summary>
    /// Everything stored about one member (GDPR access request); null when unknown or erased. The wallet and
    /// wallet lines are shown in <paramref name="currency"/>, the program's currency they are kept in.
    /// </summary>
    public Task<MemberExport?> ExportAsync(string tenantId, string memberId, string currency, CancellationToken ct = default) =>
        MemberExports.ReadAsync(db, tenantId, memberId, currency, ct);

    private sealed class LedgerRow
    {
        public DateTimeOffset At { get; init; }
        public string Kind { get; init; } = "";
        public long Amount { get; init; }
        public string Account { get; init; } = "";
        public string Reason { get; init; } = "";
        public string? EventId { get; init; }
    }
}
