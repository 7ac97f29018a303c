using Dapper;
using Tango.Domain.Journeys;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>The counts behind a journey's report: entries by group, conversions within each entry's window, sends.</summary>
public sealed record JourneyCounts(long Treated, long HeldOut, long ConvertedTreated, long ConvertedHoldout, long Sent,
    IReadOnlyDictionary<string, long> Skipped, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>One of a member's journeys, for the profile.</summary>
public sealed record MemberJourney(string Journey, string Status, string Occasion, bool HeldOut, DateTimeOffset EnteredAt,
    DateTimeOffset? NextStepAt, DateTimeOffset? FinishedAt, string? ExitReason);

/// <summary>An in-app message; <see cref="Truncated"/> when the stored body was longer than the first 64 KiB shown in <see cref="Body"/>.</summary>
public sealed record InboxMessage(string MessageId, string? Subject, string Body, DateTimeOffset SentAt, string? Journey, string? IncidentId,
    bool Truncated = false);

/// <summary>Reads about journeys outside any write: reports, a member's journeys and inbox, the outbox's depth.</summary>
public sealed class JourneyQueries(Database db)
{
    public async Task<JourneyCounts> CountsAsync(string tenantId, string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var args = new { tenantId, key };
        // A conversion is a purchase after the trigger and within the entry's window; the triggering order does not count.
        var groups = (await connection.QueryAsync<GroupRow>(
            """
            SELECT e.held_out, count(*) AS entries,
                   sum(CASE WHEN EXISTS (
                       SELECT 1 FROM orders o
                       WHERE o.tenant_id = e.tenant_id AND o.member_id = e.member_id AND o.occurred_at >= e.trigger_at
                         AND o.occurred_at < e.window_ends_at AND o.order_id <> coalesce(e.trigger_order_id, '')
                   ) THEN 1 ELSE 0 END) AS converted
            FROM journey_entries e WHERE e.tenant_id = @tenantId AND e.journey_key = @key
            GROUP BY e.held_out
            """, args)).ToList();
        var statuses = (await connection.QueryAsync<(string, long)>(
            "SELECT status, count(*) FROM journey_entries WHERE tenant_id = @tenantId AND journey_key = @key GROUP BY status", args))
            .ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal);
        var messages = (await connection.QueryAsync<(string, string?, long)>(
            "SELECT status, reason, count(*) FROM messages WHERE tenant_id = @tenantId AND journey_key = @key GROUP BY status, reason", args)).ToList();
        var treated = groups.FirstOrDefault(g => !g.HeldOut);
        var held = groups.FirstOrDefault(g => g.HeldOut);
        return new JourneyCounts(treated?.Entries ?? 0, held?.Entries ?? 0, treated?.Converted ?? 0, held?.Converted ?? 0,
            messages.Where(m => m.Item1 == MessageStatus.Sent).Sum(m => m.Item3),
            messages.Where(m => m.Item1 == MessageStatus.Skipped).GroupBy(m => m.Item2 ?? "unknown")
                .ToDictionary(g => g.Key, g => g.Sum(m => m.Item3), StringComparer.Ordinal),
            statuses);
    }

    public async Task<IReadOnlyList<MemberJourney>> ForMemberAsync(string tenantId, string memberId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(
            $"SELECT {EntryRow.Columns} FROM journey_entries WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY entered_at DESC, entry_id DESC LIMIT 20",
            new { tenantId, memberId });
        return rows.Select(r => new MemberJourney(r.JourneyKey, r.Status, r.Occasion, r.HeldOut, r.EnteredAt, r.DueAt, r.FinishedAt, r.ExitReason)).ToList();
    }

    /// <summary>Newest first; the cursor is the last message id seen (ids are time-ordered).</summary>
    public async Task<(IReadOnlyList<InboxMessage> Items, string? Next)> InboxAsync(string tenantId, string memberId, int limit, string? before,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<MessageRow>(
            $"""
            SELECT {MessageRow.Columns} FROM messages
            WHERE tenant_id = @tenantId AND member_id = @memberId AND channel = 'inbox' AND status = 'sent'
                  {(before is null ? "" : "AND message_id < @before")}
            ORDER BY message_id DESC LIMIT @take
            """, new { tenantId, memberId, before, take = limit + 1 })).ToList();
        var page = rows.Take(limit).Select(m => new InboxMessage(m.MessageId, m.Subject, m.Body, m.SentAt ?? m.CreatedAt, m.JourneyKey, m.IncidentId,
            m.Truncated)).ToList();
        return (page, rows.Count > limit ? page[^1].MessageId : null);
    }

    /// <summary>Messages waiting for a channel, by channel, and webhook deliveries waiting for an attempt.</summary>
    public async Task<(IReadOnlyDictionary<string, long> Queued, long WebhookPending)> DepthAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var queued = (await connection.QueryAsync<(string, long)>(
            "SELECT channel, count(*) FROM messages WHERE status = 'queued' GROUP BY channel")).ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
        var pending = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'");
        return (queued, pending);
    }

    public static UpliftEstimate Uplift(JourneyCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Domain.Journeys.Uplift.Of(new Proportion(counts.ConvertedTreated, counts.Treated), new Proportion(counts.ConvertedHoldout, counts.HeldOut));
    }

    private sealed class GroupRow
    {
        public bool HeldOut { get; init; }
        public long Entries { get; init; }
        public long Converted { get; init; }
    }
}
