using Dapper;
using Tango.Domain.Ledger;
using Tango.Domain.Money;
using Tango.Domain.Purchases;
using Tango.Domain.Referrals;
using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;

namespace Tango.Store.Referrals;

/// <summary>
/// Referral qualification inside the batched purchase path. The batch's first read finds which purchasing members
/// have a pending referral. Only when some of them buy at least the minimum does a second round trip lock their
/// referrers and read the referrers' referrals paid in the purchases' months and everyone's card fingerprints, into
/// the members' states; <see cref="PurchaseDecision"/> then decides each referral, and its rows (the settlement, the
/// qualification, both sides' ledger lines and lots) go out with the batch's writes.
/// </summary>
internal static class ReferralPurchases
{
    /// <summary>A purchase that may settle a referral: its member's referral is pending, and it reaches the minimum after the sign-up.</summary>
    private static bool IsCandidate(PurchaseItem item, MemberState state) =>
        state.Referral is { } pending && item.Program.Document.Referral is { } terms && item.Command.Purchase!.Purchase.Total >= terms.MinFirstPurchase
        && item.Command.OccurredAt >= pending.AttributedAt;

    private const string LockReferrersSetSql = $"""
        SELECT {PurchaseSetReads.MemberColumns} FROM members WHERE tenant_id = $1 AND member_id = ANY($2) ORDER BY member_id FOR UPDATE
        """;

    private const string FingerprintsSetSql = "SELECT member_id, fingerprint FROM payment_fingerprints WHERE tenant_id = $1 AND member_id = ANY($2)";

    private const string PaidSetSql = """
        SELECT referrer_id, occurred_at FROM referral_qualifications WHERE tenant_id = $1 AND referrer_id = ANY($2) AND occurred_at >= $3 AND occurred_at < $4
        """;

    /// <summary>
    /// The second read, only for batches with candidates. Referrers are locked after the batch's own members, in id
    /// order; a deadlock with another node's batch is retried by the write queue like any other.
    /// </summary>
    public static async Task ReadReferrersAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items, PurchaseReads reads)
    {
        var candidates = items.Where(i => IsCandidate(i, reads.States[(i.Command.TenantId, i.Command.MemberId)])).ToList();
        foreach (var tenant in candidates.GroupBy(c => c.Command.TenantId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var friends = tenant.Select(c => c.Command.MemberId).Distinct().ToList();
            var referrers = friends.Select(f => reads.States[(tenant.Key, f)].Referral!.ReferrerId).Distinct().Order(StringComparer.Ordinal).ToList();
            var months = tenant.Select(c => ReferralDecision.MonthOf(c.Command.OccurredAt, c.Program.Document.TimeZone)).ToList();
            var found = new ReferrerRows();
            await (scope.Db.Kind == StoreKind.Postgres
                ? ReadSetAsync(scope, tenant.Key, referrers, referrers.Concat(friends).Distinct().ToList(), months.Min(m => m.Start), months.Max(m => m.End), found)
                : ReadEachAsync(scope, tenant.Key, referrers, referrers.Concat(friends).Distinct().ToList(), months.Min(m => m.Start), months.Max(m => m.End), found));
            Merge(reads, tenant.Key, found);
        }
    }

    /// <summary>The referrers, cards and paid referrals into the members' states (a referrer that also buys in the batch keeps its state).</summary>
    private static void Merge(PurchaseReads reads, string tenant, ReferrerRows found)
    {
        foreach (var row in found.Referrers)
        {
            var paid = found.Paid.Where(p => p.ReferrerId == row.MemberId).Select(p => p.At);
            reads.States[(tenant, row.MemberId)] = reads.States.TryGetValue((tenant, row.MemberId), out var known)
                ? known with { Email = row.Email, Phone = row.Phone, ReferralsPaid = [.. paid] }
                : PurchaseReads.StateOf(row.MemberId, row) with { ReferralsPaid = [.. paid] };
        }
        foreach (var cards in found.Cards.GroupBy(c => c.MemberId))
        {
            if (reads.States.TryGetValue((tenant, cards.Key), out var state))
            {
                reads.States[(tenant, cards.Key)] = state with { Cards = state.Cards.Union(cards.Select(c => c.Hash)) };
            }
        }
    }

    private static async Task ReadEachAsync(WriteScope scope, string tenant, List<string> referrers, List<string> people,
        DateTimeOffset since, DateTimeOffset until, ReferrerRows found)
    {
        foreach (var referrer in referrers)
        {
            if (await scope.Connection.QuerySingleOrDefaultAsync<MemberRow>(
                    $"SELECT {PurchaseSetReads.MemberColumns} FROM members WHERE tenant_id = @tenant AND member_id = @referrer",
                    new { tenant, referrer }, scope.Transaction) is { } row)
            {
                found.Referrers.Add(row);
            }
            var paid = await scope.Connection.QueryAsync<DateTimeOffset>(
                """
                SELECT occurred_at FROM referral_qualifications
                WHERE tenant_id = @tenant AND referrer_id = @referrer AND occurred_at >= @since AND occurred_at < @until
                """, new { tenant, referrer, since, until }, scope.Transaction);
            found.Paid.AddRange(paid.Select(at => (referrer, at)));
        }
        foreach (var person in people)
        {
            var cards = await scope.Connection.QueryAsync<string>(
                "SELECT fingerprint FROM payment_fingerprints WHERE tenant_id = @tenant AND member_id = @person", new { tenant, person }, scope.Transaction);
            found.Cards.AddRange(cards.Select(c => (person, c)));
        }
    }

    private static async Task ReadSetAsync(WriteScope scope, string tenant, List<string> referrers, List<string> people,
        DateTimeOffset since, DateTimeOffset until, ReferrerRows found)
    {
        await using var batch = new SqlBatch(scope);
        batch.Add(LockReferrersSetSql, SqlBatch.Text(tenant), SqlBatch.Text(referrers))
            .Add(FingerprintsSetSql, SqlBatch.Text(tenant), SqlBatch.Text(people))
            .Add(PaidSetSql, SqlBatch.Text(tenant), SqlBatch.Text(referrers), SqlBatch.Instant(since), SqlBatch.Instant(until));
        await using var reader = await batch.ReadAsync();
        var referrerRow = reader.GetRowParser<MemberRow>();
        while (await reader.ReadAsync())
        {
            found.Referrers.Add(referrerRow(reader));
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            found.Cards.Add((reader.GetString(0), reader.GetString(1)));
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            found.Paid.Add((reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero)));
        }
    }

    /// <summary>
    /// The rows of a decided referral (the settlement; when paid, the qualification and both sides' lines), and what the
    /// checkout is told about it.
    /// </summary>
    public static ReferralOutcome Record(PurchaseWrites writes, PurchaseItem item, ReferralSettling settling, List<BonusReward> rewards)
    {
        var (command, doc) = (item.Command, item.Program.Document);
        var (pending, decision) = (settling.Pending, settling.Decision);
        var tenant = command.TenantId;
        var purchase = command.Purchase!;
        var outcome = new ReferralOutcome(ReferralNames.Pending, "friend", pending.ReferrerId, command.MemberId, decision.Reason, decision.Detail,
            decision.ReferrerPoints, decision.FriendPoints);
        if (decision.Verdict == ReferralVerdict.Wait)
        {
            return outcome;
        }
        var terms = doc.Referral!;
        var qualified = decision.Verdict == ReferralVerdict.Qualify;
        var status = qualified ? ReferralNames.Qualified : ReferralNames.Refused;
        writes.Settlements.Add(new ReferralSettlement(tenant, command.MemberId, status, decision.Reason, decision.Detail, purchase.OrderId,
            item.EventId, command.OccurredAt, Currency.ToMinor(purchase.Purchase.Total, doc.Currency), Currency.ToMinor(terms.MinFirstPurchase, doc.Currency),
            terms.RefundWindow(), decision.ReferrerPoints, decision.FriendPoints));
        if (!qualified)
        {
            return outcome with { Status = status };
        }
        writes.Qualifications.Add(new QualificationWrite(tenant, command.MemberId, pending.ReferrerId, purchase.OrderId, item.EventId,
            command.OccurredAt, decision.ReferrerPoints, decision.FriendPoints, item.Program.Version));
        var total = $"{purchase.Purchase.Total} {doc.Currency}";
        if (settling.FriendCredit is { } friend)
        {
            var reason = $"referral: welcome reward for a first purchase of {total}, referred by {pending.ReferrerId}";
            writes.Lines.Add((tenant, Line(item, command.MemberId, friend.Points, reason), new LotWrite(friend.Points, friend.LotRemaining)));
            rewards.Add(new BonusReward("referral", "friend", friend.Points, null, reason));
        }
        if (settling.ReferrerCredit is { } referrer)
        {
            writes.Lines.Add((tenant, Line(item, pending.ReferrerId, referrer.Points, $"referral: {command.MemberId} made a first purchase of {total}"),
                new LotWrite(referrer.Points, referrer.LotRemaining)));
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

    /// <summary>What the second read found: the referrers (locked), card fingerprints, and the referrals paid to the referrers.</summary>
    private sealed class ReferrerRows
    {
        public List<MemberRow> Referrers { get; } = [];
        public List<(string MemberId, string Hash)> Cards { get; } = [];
        public List<(string ReferrerId, DateTimeOffset At)> Paid { get; } = [];
    }
}
