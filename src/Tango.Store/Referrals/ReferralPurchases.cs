using Dapper;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Referrals;
using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;

namespace Tango.Store.Referrals;

/// <summary>
/// Referral qualification inside the batched purchase path. The batch's first read finds which purchasing members
/// have a pending referral (one more set-based statement when the program has referral terms). Only when some of
/// them buy at least the minimum does a second round trip lock their referrers and read the referrers' paid count
/// this month and everyone's card fingerprints; then each referral is decided in memory, and its rows (the
/// settlement, the qualification, both sides' ledger lines and lots) go out with the batch's writes.
/// </summary>
internal static class ReferralPurchases
{
    public static bool Wants(PurchaseItem item) => item.Program.Document.Referral is not null;

    public const string PendingSetSql = """
        SELECT r.friend_id, r.referrer_id, f.email AS friend_email, f.phone AS friend_phone, r.attributed_at
        FROM referrals r JOIN members f ON f.tenant_id = r.tenant_id AND f.member_id = r.friend_id
        WHERE r.tenant_id = $1 AND r.friend_id = ANY($2) AND r.status = 'pending'
        """;

    private const string PendingSql = """
        SELECT r.friend_id, r.referrer_id, f.email AS friend_email, f.phone AS friend_phone, r.attributed_at
        FROM referrals r JOIN members f ON f.tenant_id = r.tenant_id AND f.member_id = r.friend_id
        WHERE r.tenant_id = @tenantId AND r.friend_id = @memberId AND r.status = 'pending'
        """;

    /// <summary>SQLite: the pending referral of one purchase's member.</summary>
    public static async Task<PurchaseRead> ReadEachAsync(WriteScope scope, PurchaseItem item, PurchaseRead read) =>
        Wants(item)
            ? read with
            {
                Referral = await SqliteStatements.QueryFirstOrDefaultAsync<PendingReferral>(scope, PendingSql,
                    [new("tenantId", item.Command.TenantId), new("memberId", item.Command.MemberId)]),
            }
            : read;

    /// <summary>A purchase that may settle a referral: its member's referral is pending, and it reaches the minimum after the sign-up.</summary>
    private static bool IsCandidate(PurchaseItem item, PurchaseRead read) =>
        read.Referral is { } pending && item.Program.Document.Referral is { } terms && item.Command.Purchase!.Purchase.Total >= terms.MinFirstPurchase
        && item.Command.OccurredAt >= pending.AttributedAt;

    private const string ReferrerColumns = "tenant_id, member_id, email, phone, tier_id, points_balance, wallet_minor, created_at, updated_at, erased_at";

    private const string LockReferrersSetSql = $"""
        SELECT {ReferrerColumns} FROM members WHERE tenant_id = $1 AND member_id = ANY($2) ORDER BY member_id FOR UPDATE
        """;

    private const string FingerprintsSetSql = "SELECT member_id, fingerprint FROM payment_fingerprints WHERE tenant_id = $1 AND member_id = ANY($2)";

    /// <summary>Referrals paid to each candidate's referrer in the candidate purchase's month (by its place n in the arrays).</summary>
    private const string PaidSetSql = """
        SELECT count(q.friend_id) AS paid
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(id, since, until, n)
        LEFT JOIN referral_qualifications q ON q.tenant_id = $1 AND q.referrer_id = k.id AND q.occurred_at >= k.since AND q.occurred_at < k.until
        GROUP BY k.n ORDER BY k.n
        """;

    /// <summary>
    /// The second read, only for batches with candidates. Referrers are locked after the batch's own members, in id
    /// order; a deadlock with another node's batch is retried by the write queue like any other.
    /// </summary>
    public static async Task<ReferrerReads> ReadReferrersAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items, IReadOnlyList<PurchaseRead> reads)
    {
        var candidates = items.Select((item, i) => (Item: item, Read: reads[i])).Where(c => IsCandidate(c.Item, c.Read)).ToList();
        var found = new ReferrerReads();
        if (candidates.Count == 0)
        {
            return found;
        }
        foreach (var tenant in candidates.Select(c => c.Item.Command.TenantId).Distinct().Order(StringComparer.Ordinal))
        {
            var own = candidates.Where(c => c.Item.Command.TenantId == tenant).ToList();
            var referrers = own.Select(c => c.Read.Referral!.ReferrerId).Distinct().Order(StringComparer.Ordinal).ToList();
            var people = referrers.Concat(own.Select(c => c.Item.Command.MemberId)).Distinct().ToList();
            var months = own.Select(c => ReferralDecision.MonthOf(c.Item.Command.OccurredAt, c.Item.Program.Document.TimeZone)).ToList();
            var ownItems = own.Select(c => c.Item).ToList();
            var ownReferrers = own.Select(c => c.Read.Referral!.ReferrerId).ToList();
            await (scope.Db.Kind == StoreKind.Postgres
                ? ReadSetAsync(scope, tenant, ownItems, ownReferrers, referrers, people, months, found)
                : ReadEachAsync(scope, tenant, ownItems, ownReferrers, referrers, people, months, found));
        }
        return found;
    }

    private static async Task ReadEachAsync(WriteScope scope, string tenant, List<PurchaseItem> own, List<string> ownReferrers,
        List<string> referrers, List<string> people, List<(DateTimeOffset Start, DateTimeOffset End)> months, ReferrerReads found)
    {
        foreach (var referrer in referrers)
        {
            if (await scope.Connection.QuerySingleOrDefaultAsync<MemberRow>(
                    $"SELECT {ReferrerColumns} FROM members WHERE tenant_id = @tenant AND member_id = @referrer",
                    new { tenant, referrer }, scope.Transaction) is { } row)
            {
                found.Referrers[(tenant, referrer)] = row;
            }
        }
        foreach (var person in people)
        {
            var cards = await scope.Connection.QueryAsync<string>(
                "SELECT fingerprint FROM payment_fingerprints WHERE tenant_id = @tenant AND member_id = @person", new { tenant, person }, scope.Transaction);
            found.CardsOf(tenant, person).UnionWith(cards);
        }
        for (var i = 0; i < own.Count; i++)
        {
            found.Paid[own[i]] = (int)await scope.Connection.ExecuteScalarAsync<long>(
                """
                SELECT count(*) FROM referral_qualifications
                WHERE tenant_id = @tenant AND referrer_id = @referrer AND occurred_at >= @since AND occurred_at < @until
                """, new { tenant, referrer = ownReferrers[i], since = months[i].Start, until = months[i].End }, scope.Transaction);
        }
    }

    private static async Task ReadSetAsync(WriteScope scope, string tenant, List<PurchaseItem> own, List<string> ownReferrers,
        List<string> referrers, List<string> people, List<(DateTimeOffset Start, DateTimeOffset End)> months, ReferrerReads found)
    {
        await using var batch = new SqlBatch(scope);
        batch.Add(LockReferrersSetSql, SqlBatch.Text(tenant), SqlBatch.Text(referrers))
            .Add(FingerprintsSetSql, SqlBatch.Text(tenant), SqlBatch.Text(people))
            .Add(PaidSetSql, SqlBatch.Text(tenant), SqlBatch.Text(ownReferrers),
                SqlBatch.Instants(months.Select(m => m.Start)), SqlBatch.Instants(months.Select(m => m.End)));
        await using var reader = await batch.ReadAsync();
        var referrerRow = reader.GetRowParser<MemberRow>();
        while (await reader.ReadAsync())
        {
            found.Referrers[(tenant, reader.GetString(1))] = referrerRow(reader);
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            found.CardsOf(tenant, reader.GetString(0)).Add(reader.GetString(1));
        }
        await reader.NextResultAsync();
        foreach (var item in own)
        {
            await reader.ReadAsync();
            found.Paid[item] = (int)reader.GetInt64(0);
        }
    }

    /// <summary>Keeps the hash of the card a purchase was paid with, for later self-referral checks.</summary>
    public static void NoteCard(PurchaseWrites writes, BatchState state, PurchaseItem item)
    {
        if (item.Command.Purchase!.PaymentFingerprint is not { } fingerprint)
        {
            return;
        }
        var (tenant, member) = (item.Command.TenantId, item.Command.MemberId);
        var hash = ReferralGuards.HashFingerprint(tenant, fingerprint);
        if (state.AddCard(tenant, member, hash))
        {
            writes.Cards.Add((tenant, member, hash));
        }
    }

    /// <summary>
    /// Decides the purchasing member's pending referral: waits (below the minimum), refuses (for good, with the
    /// reason) or pays both sides at once. Answers what the checkout is told; null when the member has none pending.
    /// </summary>
    public static ReferralOutcome? Plan(PurchaseWrites writes, BatchState state, PurchaseItem item, PurchaseRead read, ReferrerReads referrers,
        MemberRow after, List<BonusReward> rewards)
    {
        var (command, doc) = (item.Command, item.Program.Document);
        if (doc.Referral is not { } terms || read.Referral is not { } pending || state.IsSettled(command.TenantId, command.MemberId))
        {
            return null;
        }
        var tenant = command.TenantId;
        var purchase = command.Purchase!;
        var referrerKey = (tenant, pending.ReferrerId);
        var stored = referrers.Referrers.GetValueOrDefault(referrerKey);
        var month = ReferralDecision.MonthOf(command.OccurredAt, doc.TimeZone);
        var paid = referrers.Paid.GetValueOrDefault(item) + state.PaidIn(tenant, pending.ReferrerId, month.Start, month.End);
        var self = ReferralGuards.SelfReferral(
            new ReferralParty(stored?.Email, stored?.Phone, Cards(referrers, state, tenant, pending.ReferrerId)),
            new ReferralParty(pending.FriendEmail, pending.FriendPhone, Cards(referrers, state, tenant, command.MemberId)));
        var decision = ReferralDecision.Decide(terms, purchase.Purchase.Total, paid, self, referrerGone: stored is null || stored.ErasedAt is not null,
            before: command.OccurredAt < pending.AttributedAt);
        var outcome = new ReferralOutcome(ReferralNames.Pending, "friend", pending.ReferrerId, command.MemberId, decision.Reason, decision.Detail,
            decision.ReferrerPoints, decision.FriendPoints);
        if (decision.Verdict == ReferralVerdict.Wait)
        {
            return outcome;
        }
        var qualified = decision.Verdict == ReferralVerdict.Qualify;
        var status = qualified ? ReferralNames.Qualified : ReferralNames.Refused;
        writes.Settlements.Add(new ReferralSettlement(tenant, command.MemberId, status, decision.Reason, decision.Detail, purchase.OrderId,
            item.EventId, command.OccurredAt, Currency.ToMinor(purchase.Purchase.Total, doc.Currency), Currency.ToMinor(terms.MinFirstPurchase, doc.Currency),
            terms.RefundWindow(), decision.ReferrerPoints, decision.FriendPoints));
        state.Settle(tenant, command.MemberId);
        if (!qualified)
        {
            return outcome with { Status = status };
        }
        writes.Qualifications.Add(new QualificationWrite(tenant, command.MemberId, pending.ReferrerId, purchase.OrderId, item.EventId,
            command.OccurredAt, decision.ReferrerPoints, decision.FriendPoints, item.Program.Version));
        state.Paid(tenant, pending.ReferrerId, command.OccurredAt);
        var total = $"{purchase.Purchase.Total} {doc.Currency}";
        if (decision.FriendPoints > 0)
        {
            var reason = $"referral: welcome reward for a first purchase of {total}, referred by {pending.ReferrerId}";
            writes.Credit(tenant, after, Line(item, command.MemberId, decision.FriendPoints, reason));
            rewards.Add(new BonusReward("referral", "friend", decision.FriendPoints, null, reason));
        }
        if (decision.ReferrerPoints > 0)
        {
            // The referrer may have bought earlier in this batch: credit the row the batch already moved.
            var referrer = state.MemberOf(tenant, pending.ReferrerId) ?? stored!;
            writes.Credit(tenant, referrer, Line(item, pending.ReferrerId, decision.ReferrerPoints,
                $"referral: {command.MemberId} made a first purchase of {total}"));
            state.Touch(referrer);
        }
        return outcome with { Status = status };
    }

    private static LedgerLine Line(PurchaseItem item, string memberId, long points, string reason) => new()
    {
        MemberId = memberId,
        At = item.Command.OccurredAt,
        Account = "points",
        Amount = points,
        Kind = ReferralNames.LineKind,
        Reason = reason,
        RuleId = ReferralNames.RuleId,
        ProgramVersion = item.Program.Version,
        EventId = item.EventId,
        OrderId = item.OrderId,
        ExpiresAt = Expiry.ExpiresAt(item.Program.Document, item.Command.OccurredAt),
    };

    private static HashSet<string> Cards(ReferrerReads referrers, BatchState state, string tenant, string member)
    {
        var cards = new HashSet<string>(referrers.Cards.GetValueOrDefault((tenant, member)) ?? [], StringComparer.Ordinal);
        cards.UnionWith(state.CardsOf(tenant, member));
        return cards;
    }
}

/// <summary>What the second read found: the referrers (locked), card fingerprints, and referrals paid this month per candidate purchase.</summary>
internal sealed class ReferrerReads
{
    public Dictionary<(string, string), MemberRow> Referrers { get; } = [];
    public Dictionary<(string, string), HashSet<string>> Cards { get; } = [];
    public Dictionary<PurchaseItem, int> Paid { get; } = new(ReferenceEqualityComparer.Instance);

    public HashSet<string> CardsOf(string tenant, string member)
    {
        if (!Cards.TryGetValue((tenant, member), out var cards))
        {
            Cards[(tenant, member)] = cards = new HashSet<string>(StringComparer.Ordinal);
        }
        return cards;
    }
}
