using Dapper;
using Tango.Domain.Ledger;
using Tango.Store.Challenges;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

/// <summary>One purchase of a batch with what it is decided by: its program, the id its event gets and the batch's instant.</summary>
internal sealed record PurchaseItem(PurchaseInput Input, ProgramVersion Program, string EventId, DateTimeOffset Now)
{
    public EventCommand Command => Input.Command;

    public string OrderId => Input.Command.Purchase!.OrderId;

    public bool HasTiers => Program.Document.Tiers is { Count: > 0 };

    public int WindowMonths => Program.Document.TierPolicy?.WindowMonths ?? 12;

    /// <summary>An old purchase arriving now (an import): it earns, but draws no surprise and congratulates nobody.</summary>
    public bool IsHistory { get; } = Domain.Programs.HistoryPolicy.Of(Program.Document).IsHistory(Input.Command.OccurredAt, Now);

    /// <summary>
    /// The instant the tier window is judged at: the purchase's own, or now for history, so that old orders move a member
    /// only as far as today's window qualifies them.
    /// </summary>
    public DateTimeOffset TierAt => IsHistory ? Now : Command.OccurredAt;

    public DateTimeOffset WindowStart => TierAt.AddMonths(-WindowMonths);

    /// <summary>Whether the purchase itself falls in the window it is judged by (history older than the window does not).</summary>
    public bool InOwnWindow => Command.OccurredAt > WindowStart;

    /// <summary>The program's challenges on purchases (worked out once per program version, looked up once per purchase).</summary>
    public IReadOnlyList<Domain.Challenges.ChallengeRule> PurchaseChallenges { get; } = ChallengeRules.For(Program.Document, "purchase");

    /// <summary>The purchase's local day and month when the program limits earning per member; null when it does not.</summary>
    public EarningPeriods? LimitPeriods { get; } =
        Program.Document.Earning.Limits is null ? null : EarningCaps.Periods(Program.Document, Input.Command.OccurredAt);
}

/// <summary>
/// What one purchase needs from the store: its key's record, its member (locked), whether its order exists, its tier
/// window; and, when the program has them, the member's pending referral and the orders and challenge completions
/// around the purchase, and what the member earned in its day and month.
/// </summary>
internal sealed record PurchaseRead(KeyRecord? Key, MemberRow? Member, bool Duplicate, WindowTotals Window)
{
    public PendingReferral? Referral { get; init; }

    public IReadOnlyList<DateTimeOffset> ChallengeEvents { get; init; } = [];

    public IReadOnlyList<StoredCompletion> Completions { get; init; } = [];

    public PeriodEarnings Earned { get; init; } = PeriodEarnings.None;
}

/// <summary>
/// The reads of a run of purchases, member locks first. PostgreSQL reads for the whole run in one round
/// trip of three set-based statements per tenant (four when the program has tiers, and up to three more for
/// referrals and challenges: see <see cref="PurchaseExtraReads"/>); SQLite, in-process, runs the plain
/// per-purchase queries.
/// </summary>
internal static class PurchaseReads
{
    public static Task<List<PurchaseRead>> ReadAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items) =>
        scope.Db.Kind == StoreKind.Postgres ? ReadSetAsync(scope, items) : ReadEachAsync(scope, items);

    /// <summary>What a purchase reads of its member: the balances, the tier and whether it was erased.</summary>
    private const string MemberColumns = "tenant_id, member_id, tier_id, points_balance, wallet_minor, created_at, updated_at, erased_at";

    private const string MemberSql = $"SELECT {MemberColumns} FROM members WHERE tenant_id = @tenantId AND member_id = @memberId";

    private const string OrderExistsSql = "SELECT count(*) FROM orders WHERE tenant_id = @tenantId AND order_id = @orderId";

    // SQLite's write transaction (BEGIN IMMEDIATE) already keeps every other writer out, so no row lock. The
    // statements are prepared once per writer connection (SqliteStatements): they run for every purchase.
    private static async Task<List<PurchaseRead>> ReadEachAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items)
    {
        var reads = new List<PurchaseRead>(items.Count);
        foreach (var item in items)
        {
            var command = item.Command;
            var member = await SqliteStatements.QueryFirstOrDefaultAsync<MemberRow>(scope, MemberSql,
                [new("tenantId", command.TenantId), new("memberId", command.MemberId)]);
            var duplicate = (await SqliteStatements.QueryAsync<long>(scope, OrderExistsSql,
                [new("tenantId", command.TenantId), new("orderId", item.OrderId)]))[0] > 0;
            var window = item.HasTiers
                ? await SqliteStatements.QueryFirstOrDefaultAsync<WindowTotals>(scope, Tiering.WindowSql,
                    [new("tenantId", command.TenantId), new("memberId", command.MemberId), new("since", item.WindowStart), new("at", item.TierAt)])
                : null;
            var key = item.Input.Key is { } k
                ? await SqliteStatements.QueryFirstOrDefaultAsync<KeyRecord>(scope, IdempotencyKey.SelectSql, k.SelectArgs)
                : null;
            var read = new PurchaseRead(key, member, duplicate, window ?? new WindowTotals());
            read = await ReferralPurchases.ReadEachAsync(scope, item, read);
            read = await EarningLimitReads.ReadEachAsync(scope, item, read);
            reads.Add(await ChallengePurchases.ReadEachAsync(scope, item, read));
        }
        return reads;
    }

    // One tenant's rows at a time: the tenant as a scalar and the ids as an array (= ANY) plan and run
    // faster than a join on (tenant, id) pairs. Members are locked in id order, as any other batch locks them.
    private const string LockMembersSql = $"""
        SELECT {MemberColumns} FROM members WHERE tenant_id = $1 AND member_id = ANY($2) ORDER BY member_id FOR UPDATE
        """;

    private const string OrdersSql = "SELECT order_id FROM orders WHERE tenant_id = $1 AND order_id = ANY($2)";

    private const string KeysSql =
        "SELECT idem_key, request_hash, status, response FROM idempotency_keys WHERE tenant_id = $1 AND idem_key = ANY($2)";

    /// <summary>The tier window of each purchase (by its place n in the arrays), as <see cref="Tiering.WindowSql"/> reads one.</summary>
    private const string WindowsSql = """
        SELECT coalesce(sum(o.total_minor - o.refunded_minor), 0) AS spend_minor,
               coalesce(sum(o.points_earned - o.points_clawed), 0) AS points,
               count(o.order_id) AS purchases
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(id, since, at, n)
        LEFT JOIN orders o ON o.tenant_id = $1 AND o.member_id = k.id AND o.occurred_at > k.since AND o.occurred_at <= k.at
        GROUP BY k.n ORDER BY k.n
        """;

    private static async Task<List<PurchaseRead>> ReadSetAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items)
    {
        // Nearly always one tenant; several get their statements one after the other, in tenant order.
        // A key belongs to the tenant of the request that sent it, so it is looked up with its purchase.
        var tenants = items.Select(i => i.Command.TenantId).Distinct().Order(StringComparer.Ordinal).ToList();
        var extras = tenants.ToDictionary(t => t, t => new PurchaseExtraReads(t, items.Where(i => i.Command.TenantId == t).ToList()));
        await using var batch = new SqlBatch(scope);
        foreach (var tenant in tenants)
        {
            var own = items.Where(i => i.Command.TenantId == tenant).ToList();
            batch.Add(LockMembersSql, SqlBatch.Text(tenant), SqlBatch.Text(own.Select(i => i.Command.MemberId).Distinct()))
                .Add(OrdersSql, SqlBatch.Text(tenant), SqlBatch.Text(own.Select(i => i.OrderId)))
                .Add(KeysSql, SqlBatch.Text(tenant), SqlBatch.Text(own.Where(i => i.Input.Key is not null).Select(i => i.Input.Key!.Key)));
            if (own.Where(i => i.HasTiers).ToList() is { Count: > 0 } tiered)
            {
                batch.Add(WindowsSql, SqlBatch.Text(tenant), SqlBatch.Text(tiered.Select(i => i.Command.MemberId)),
                    SqlBatch.Instants(tiered.Select(i => i.WindowStart)), SqlBatch.Instants(tiered.Select(i => i.TierAt)));
            }
            extras[tenant].AddTo(batch);
        }

        var found = new Dictionary<(string, string), MemberRow>();
        var orders = new HashSet<(string, string)>();
        var keys = new Dictionary<(string, string), KeyRecord>();
        var windows = new Dictionary<PurchaseItem, WindowTotals>(ReferenceEqualityComparer.Instance);
        await using (var reader = await batch.ReadAsync())
        {
            var memberRow = reader.GetRowParser<MemberRow>();
            for (var t = 0; t < tenants.Count; t++)
            {
                var tenant = tenants[t];
                if (t > 0)
                {
                    await reader.NextResultAsync();
                }
                while (await reader.ReadAsync())
                {
                    found[(tenant, reader.GetString(1))] = memberRow(reader);
                }
                await reader.NextResultAsync();
                while (await reader.ReadAsync())
                {
                    orders.Add((tenant, reader.GetString(0)));
                }
                await reader.NextResultAsync();
                while (await reader.ReadAsync())
                {
                    keys[(tenant, reader.GetString(0))] =
                        new KeyRecord { RequestHash = reader.GetString(1), Status = reader.GetInt32(2), Response = reader.GetString(3) };
                }
                var tiered = items.Where(i => i.Command.TenantId == tenant && i.HasTiers).ToList();
                if (tiered.Count > 0)
                {
                    await reader.NextResultAsync();
                    var windowRow = reader.GetRowParser<WindowTotals>();
                    foreach (var item in tiered)
                    {
                        await reader.ReadAsync();
                        windows[item] = windowRow(reader);
                    }
                }
                await extras[tenant].ReadAsync(reader);
            }
        }

        var reads = new List<PurchaseRead>(items.Count);
        foreach (var item in items)
        {
            var command = item.Command;
            reads.Add(extras[command.TenantId].Apply(item, new PurchaseRead(
                item.Input.Key is { } k ? keys.GetValueOrDefault((command.TenantId, k.Key)) : null,
                found.GetValueOrDefault((command.TenantId, command.MemberId)),
                orders.Contains((command.TenantId, item.OrderId)),
                windows.GetValueOrDefault(item) ?? new WindowTotals())));
        }
        return reads;
    }
}
