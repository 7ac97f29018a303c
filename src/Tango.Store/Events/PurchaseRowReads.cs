using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Events;

/// <summary>
/// SQLite: the same reads member by member. SQLite's write transaction (BEGIN IMMEDIATE) already keeps every other
/// writer out, so no row lock; the statements are prepared once per writer connection (<see cref="SqliteStatements"/>).
/// </summary>
internal static class PurchaseRowReads
{
    private const string MemberSql = $"SELECT {PurchaseSetReads.MemberColumns} FROM members WHERE tenant_id = @tenantId AND member_id = @memberId";

    private const string OrderExistsSql = "SELECT count(*) FROM orders WHERE tenant_id = @tenantId AND order_id = @orderId";

    private const string OrdersAroundSql = $"""
        SELECT o.member_id, {PurchaseReads.OrderColumns} FROM orders o
        WHERE o.tenant_id = @tenantId AND o.member_id = @memberId AND o.occurred_at >= @since AND o.occurred_at <= @until
        """;

    private const string CompletionsAroundSql = """
        SELECT member_id, challenge_id, first_at, last_at FROM challenge_completions
        WHERE tenant_id = @tenantId AND member_id = @memberId AND (occurrence = 'once' OR (last_at >= @since AND first_at <= @until))
        """;

    private const string PendingSql = """
        SELECT r.friend_id, r.referrer_id, f.email AS friend_email, f.phone AS friend_phone, r.attributed_at
        FROM referrals r JOIN members f ON f.tenant_id = r.tenant_id AND f.member_id = r.friend_id
        WHERE r.tenant_id = @tenantId AND r.friend_id = @memberId AND r.status = 'pending'
        """;

    public static async Task<PurchaseReads> ReadAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items)
    {
        var reads = new PurchaseReads();
        foreach (var tenant in items.GroupBy(i => i.Command.TenantId))
        {
            foreach (var need in PurchaseReads.NeedsOf(tenant))
            {
                await ReadMemberAsync(scope, reads, tenant.Key, need);
            }
            foreach (var item in tenant)
            {
                if ((await SqliteStatements.QueryAsync<long>(scope, OrderExistsSql, [new("tenantId", tenant.Key), new("orderId", item.OrderId)]))[0] > 0)
                {
                    reads.Orders.Add((tenant.Key, item.OrderId));
                }
                if (item.Input.Key is { } k
                    && await SqliteStatements.QueryFirstOrDefaultAsync<KeyRecord>(scope, IdempotencyKey.SelectSql, k.SelectArgs) is { } record)
                {
                    reads.Keys[(tenant.Key, k.Key)] = record;
                }
            }
        }
        return reads;
    }

    private static async Task ReadMemberAsync(WriteScope scope, PurchaseReads reads, string tenant, PurchaseReads.MemberNeeds need)
    {
        KeyValuePair<string, object?>[] member = [new("tenantId", tenant), new("memberId", need.MemberId)];
        var row = await SqliteStatements.QueryFirstOrDefaultAsync<MemberRow>(scope, MemberSql, member);
        reads.States[(tenant, need.MemberId)] = PurchaseReads.StateOf(need.MemberId, row);
        KeyValuePair<string, object?>[] around = [.. member, new("since", need.Since), new("until", need.Until)];
        if (need.Orders)
        {
            var orders = await SqliteStatements.QueryAsync<OrderRow>(scope, OrdersAroundSql, around);
            reads.AddOrders(tenant, need.MemberId, orders.Select(o => o.Fact));
        }
        if (need.Completions)
        {
            var completions = await SqliteStatements.QueryAsync<CompletionRow>(scope, CompletionsAroundSql, around);
            reads.AddCompletions(tenant, need.MemberId, completions.Select(c => c.Completion));
        }
        if (need.Referral && await SqliteStatements.QueryFirstOrDefaultAsync<PendingRow>(scope, PendingSql, member) is { } pending)
        {
            reads.Update(tenant, need.MemberId, s => s with { Referral = pending.Pending });
        }
    }
}
