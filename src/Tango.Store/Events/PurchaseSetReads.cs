using Dapper;
using Npgsql;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Events;

/// <summary>
/// PostgreSQL: the reads of a run of purchases in one round trip, one set-based statement per table and tenant (the
/// member locks, existing orders, keys; and when the program looks at them, the orders and completions around each
/// member's purchases and the pending referrals).
/// </summary>
internal static class PurchaseSetReads
{
    /// <summary>What a purchase reads of its member: the balances, the tier, whether it was erased, and its contacts.</summary>
    public const string MemberColumns =
        "tenant_id, member_id, email, phone, tier_id, points_balance, wallet_minor, created_at, updated_at, erased_at";

    // One tenant's rows at a time: the tenant as a scalar and the ids as an array (= ANY) plan and run
    // faster than a join on (tenant, id) pairs. Members are locked in id order, as any other batch locks them.
    private const string LockMembersSql = $"""
        SELECT {MemberColumns} FROM members WHERE tenant_id = $1 AND member_id = ANY($2) ORDER BY member_id FOR UPDATE
        """;

    private const string OrdersSql = "SELECT order_id FROM orders WHERE tenant_id = $1 AND order_id = ANY($2)";

    private const string KeysSql =
        "SELECT idem_key, request_hash, status, response FROM idempotency_keys WHERE tenant_id = $1 AND idem_key = ANY($2)";

    private const string OrdersAroundSql = $"""
        SELECT k.id AS member_id, {PurchaseReads.OrderColumns}
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS k(id, since, until)
        JOIN orders o ON o.tenant_id = $1 AND o.member_id = k.id AND o.occurred_at >= k.since AND o.occurred_at <= k.until
        """;

    /// <summary>Every once-completion, and the spans that reach into each member's horizon.</summary>
    private const string CompletionsAroundSql = """
        SELECT k.id AS member_id, c.challenge_id, c.first_at, c.last_at
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS k(id, since, until)
        JOIN challenge_completions c ON c.tenant_id = $1 AND c.member_id = k.id
                                     AND (c.occurrence = 'once' OR (c.last_at >= k.since AND c.first_at <= k.until))
        """;

    private const string PendingSql = """
        SELECT r.friend_id, r.referrer_id, f.email AS friend_email, f.phone AS friend_phone, r.attributed_at
        FROM referrals r JOIN members f ON f.tenant_id = r.tenant_id AND f.member_id = r.friend_id
        WHERE r.tenant_id = $1 AND r.friend_id = ANY($2) AND r.status = 'pending'
        """;

    public static async Task<PurchaseReads> ReadAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items)
    {
        // Nearly always one tenant; several get their statements one after the other, in tenant order.
        var tenants = items.GroupBy(i => i.Command.TenantId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Tenant: g.Key, Items: g.ToList(), Needs: PurchaseReads.NeedsOf(g))).ToList();
        await using var batch = new SqlBatch(scope);
        foreach (var (tenant, own, needs) in tenants)
        {
            batch.Add(LockMembersSql, SqlBatch.Text(tenant), SqlBatch.Text(needs.Select(n => n.MemberId)))
                .Add(OrdersSql, SqlBatch.Text(tenant), SqlBatch.Text(own.Select(i => i.OrderId)))
                .Add(KeysSql, SqlBatch.Text(tenant), SqlBatch.Text(own.Where(i => i.Input.Key is not null).Select(i => i.Input.Key!.Key)));
            AddAround(batch, OrdersAroundSql, tenant, needs.Where(n => n.Orders).ToList());
            AddAround(batch, CompletionsAroundSql, tenant, needs.Where(n => n.Completions).ToList());
            if (needs.Where(n => n.Referral).ToList() is { Count: > 0 } referred)
            {
                batch.Add(PendingSql, SqlBatch.Text(tenant), SqlBatch.Text(referred.Select(n => n.MemberId)));
            }
        }

        var reads = new PurchaseReads();
        await using var reader = await batch.ReadAsync();
        for (var t = 0; t < tenants.Count; t++)
        {
            var (tenant, _, needs) = tenants[t];
            if (t > 0)
            {
                await reader.NextResultAsync();
            }
            var memberRow = reader.GetRowParser<MemberRow>();
            var rows = new Dictionary<string, MemberRow>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                var row = memberRow(reader);
                rows[row.MemberId] = row;
            }
            foreach (var need in needs)
            {
                reads.States[(tenant, need.MemberId)] = PurchaseReads.StateOf(need.MemberId, rows.GetValueOrDefault(need.MemberId));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                reads.Orders.Add((tenant, reader.GetString(0)));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                reads.Keys[(tenant, reader.GetString(0))] =
                    new KeyRecord { RequestHash = reader.GetString(1), Status = reader.GetInt32(2), Response = reader.GetString(3) };
            }
            await ReadTenantExtrasAsync(reader, reads, tenant, needs);
        }
        return reads;
    }

    private static void AddAround(SqlBatch batch, string sql, string tenant, List<PurchaseReads.MemberNeeds> needs)
    {
        if (needs.Count > 0)
        {
            batch.Add(sql, SqlBatch.Text(tenant), SqlBatch.Text(needs.Select(n => n.MemberId)),
                SqlBatch.Instants(needs.Select(n => n.Since)), SqlBatch.Instants(needs.Select(n => n.Until)));
        }
    }

    private static async Task ReadTenantExtrasAsync(NpgsqlDataReader reader, PurchaseReads reads, string tenant, List<PurchaseReads.MemberNeeds> needs)
    {
        if (needs.Any(n => n.Orders))
        {
            await reader.NextResultAsync();
            var parse = reader.GetRowParser<OrderRow>();
            var rows = new List<OrderRow>();
            while (await reader.ReadAsync())
            {
                rows.Add(parse(reader));
            }
            foreach (var member in rows.GroupBy(r => r.MemberId))
            {
                reads.AddOrders(tenant, member.Key, member.Select(r => r.Fact));
            }
        }
        if (needs.Any(n => n.Completions))
        {
            await reader.NextResultAsync();
            var parse = reader.GetRowParser<CompletionRow>();
            var rows = new List<CompletionRow>();
            while (await reader.ReadAsync())
            {
                rows.Add(parse(reader));
            }
            foreach (var member in rows.GroupBy(r => r.MemberId))
            {
                reads.AddCompletions(tenant, member.Key, member.Select(r => r.Completion));
            }
        }
        if (needs.Any(n => n.Referral))
        {
            await reader.NextResultAsync();
            var parse = reader.GetRowParser<PendingRow>();
            while (await reader.ReadAsync())
            {
                var pending = parse(reader);
                reads.Update(tenant, pending.FriendId, s => s with { Referral = pending.Pending });
            }
        }
    }
}
