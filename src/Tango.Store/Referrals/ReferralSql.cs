using Tango.Store.Infrastructure;

namespace Tango.Store.Referrals;

/// <summary>The referral rows a purchase writes, row by row (SQLite) and set-based (PostgreSQL, one statement per table per batch).</summary>
internal static class ReferralSql
{
    /// <summary>Only a pending referral is settled: the friend's row lock already orders its purchases, this is the belt.</summary>
    public const string SettleSql = """
        UPDATE referrals SET status = @status, reason = @reason, detail = @detail, order_id = @orderId, event_id = @eventId,
                             purchase_at = @purchaseAt, purchase_minor = @purchaseMinor, min_first_minor = @minFirstMinor,
                             refund_window_days = @refundWindowDays, referrer_points = @referrerPoints, friend_points = @friendPoints,
                             decided_at = @now
        WHERE tenant_id = @tenantId AND friend_id = @friendId AND status = 'pending'
        """;

    public static object SettleArgs(ReferralSettlement s, DateTimeOffset now) => new
    {
        tenantId = s.TenantId,
        friendId = s.FriendId,
        status = s.Status,
        reason = s.Reason,
        detail = s.Detail,
        orderId = s.OrderId,
        eventId = s.EventId,
        purchaseAt = s.PurchaseAt,
        purchaseMinor = s.PurchaseMinor,
        minFirstMinor = s.MinFirstMinor,
        refundWindowDays = s.RefundWindowDays,
        referrerPoints = s.ReferrerPoints,
        friendPoints = s.FriendPoints,
        now,
    };

    public const string QualifySql = """
        INSERT INTO referral_qualifications (tenant_id, friend_id, referrer_id, order_id, event_id, occurred_at, referrer_points,
                                             friend_points, program_version, recorded_at)
        VALUES (@TenantId, @FriendId, @ReferrerId, @OrderId, @EventId, @OccurredAt, @ReferrerPoints, @FriendPoints, @ProgramVersion, @now)
        """;

    public static object QualifyArgs(QualificationWrite q, DateTimeOffset now) => new
    {
        q.TenantId,
        q.FriendId,
        q.ReferrerId,
        q.OrderId,
        q.EventId,
        q.OccurredAt,
        q.ReferrerPoints,
        q.FriendPoints,
        q.ProgramVersion,
        now,
    };

    public const string CardSql = """
        INSERT INTO payment_fingerprints (tenant_id, member_id, fingerprint, first_seen) VALUES (@tenantId, @memberId, @hash, @now)
        ON CONFLICT (tenant_id, member_id, fingerprint) DO NOTHING
        """;

    private const string SettleSetSql = """
        UPDATE referrals AS r
        SET status = u.status, reason = u.reason, detail = u.detail, order_id = u.order_id, event_id = u.event_id, purchase_at = u.purchase_at,
            purchase_minor = u.purchase_minor, min_first_minor = u.min_first_minor, refund_window_days = u.refund_window_days,
            referrer_points = u.referrer_points, friend_points = u.friend_points, decided_at = $14
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::bigint[],
                    $10::bigint[], $11::integer[], $12::bigint[], $13::bigint[])
             AS u(tenant_id, friend_id, status, reason, detail, order_id, event_id, purchase_at, purchase_minor, min_first_minor,
                  refund_window_days, referrer_points, friend_points)
        WHERE r.tenant_id = u.tenant_id AND r.friend_id = u.friend_id AND r.status = 'pending'
        """;

    private const string QualifySetSql = """
        INSERT INTO referral_qualifications (tenant_id, friend_id, referrer_id, order_id, event_id, occurred_at, referrer_points,
                                             friend_points, program_version, recorded_at)
        SELECT t, f, r, o, e, a, rp, fp, v, $10
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[], $8::bigint[], $9::integer[])
             AS u(t, f, r, o, e, a, rp, fp, v)
        """;

    private const string CardsSetSql = """
        INSERT INTO payment_fingerprints (tenant_id, member_id, fingerprint, first_seen)
        SELECT t, m, f, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(t, m, f)
        ON CONFLICT (tenant_id, member_id, fingerprint) DO NOTHING
        """;

    public static void AddSetStatements(SqlBatch batch, IReadOnlyList<ReferralSettlement> settled, IReadOnlyList<QualificationWrite> paid,
        IReadOnlyList<(string TenantId, string MemberId, string Hash)> cards, DateTimeOffset now)
    {
        if (settled.Count > 0)
        {
            batch.Add(SettleSetSql,
                SqlBatch.Text(settled.Select(s => s.TenantId)), SqlBatch.Text(settled.Select(s => s.FriendId)),
                SqlBatch.Text(settled.Select(s => s.Status)), SqlBatch.Text(settled.Select(s => s.Reason)),
                SqlBatch.Text(settled.Select(s => s.Detail)), SqlBatch.Text(settled.Select(s => s.OrderId)),
                SqlBatch.Text(settled.Select(s => s.EventId)), SqlBatch.Instants(settled.Select(s => s.PurchaseAt)),
                SqlBatch.Bigint(settled.Select(s => s.PurchaseMinor)), SqlBatch.Bigint(settled.Select(s => s.MinFirstMinor)),
                SqlBatch.Integer(settled.Select(s => (int?)s.RefundWindowDays)), SqlBatch.Bigint(settled.Select(s => s.ReferrerPoints)),
                SqlBatch.Bigint(settled.Select(s => s.FriendPoints)), SqlBatch.Instant(now));
        }
        if (paid.Count > 0)
        {
            batch.Add(QualifySetSql,
                SqlBatch.Text(paid.Select(p => p.TenantId)), SqlBatch.Text(paid.Select(p => p.FriendId)),
                SqlBatch.Text(paid.Select(p => p.ReferrerId)), SqlBatch.Text(paid.Select(p => p.OrderId)),
                SqlBatch.Text(paid.Select(p => p.EventId)), SqlBatch.Instants(paid.Select(p => p.OccurredAt)),
                SqlBatch.Bigint(paid.Select(p => p.ReferrerPoints)), SqlBatch.Bigint(paid.Select(p => p.FriendPoints)),
                SqlBatch.Integer(paid.Select(p => (int?)p.ProgramVersion)), SqlBatch.Instant(now));
        }
        if (cards.Count > 0)
        {
            batch.Add(CardsSetSql, SqlBatch.Text(cards.Select(c => c.TenantId)), SqlBatch.Text(cards.Select(c => c.MemberId)),
                SqlBatch.Text(cards.Select(c => c.Hash)), SqlBatch.Instant(now));
        }
    }
}
