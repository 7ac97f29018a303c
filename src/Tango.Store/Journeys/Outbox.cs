using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>A message about to enter the outbox. Marketing messages honour consent and frequency caps; transactional ones do not.</summary>
public sealed record OutgoingMessage(
    string TenantId,
    string MemberId,
    string Channel,
    string Kind,
    string? ToAddress,
    string? Subject,
    string Body,
    string? JourneyKey = null,
    string? EntryId = null,
    string? StepId = null,
    string? IncidentId = null,
    string? ServiceMessageId = null);

/// <summary>Message states, as stored and shown.</summary>
public static class MessageStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

public static class MessageKinds
{
    public const string Marketing = "marketing";
    public const string Transactional = "transactional";
}

/// <summary>
/// The outbox: every send is a row first, written in the same transaction as the step or incident that made
/// it, then a channel delivers it. Inbox messages are delivered by being written; email and webhook messages
/// wait for the delivery worker, which claims them with a lease (see <see cref="ClaimAsync"/>).
/// </summary>
public sealed class Outbox(TimeProvider clock)
{
    /// <summary>Queues a message (an inbox message is sent at once). Null when this journey step already made one.</summary>
    public async Task<string?> AddAsync(WriteScope scope, OutgoingMessage m)
    {
        var now = clock.GetUtcNow();
        var messageId = Ids.New("msg", clock);
        // Inbox messages are delivered by being written; webhook messages are handed to the webhook deliveries in the same write.
        var inbox = m.Channel is "inbox" or "webhook";
        var inserted = await scope.Connection.ExecuteAsync(
            """
            INSERT INTO messages (tenant_id, message_id, member_id, channel, kind, journey_key, entry_id, step_id, incident_id, service_message_id,
                to_address, subject, body, status, attempts, next_attempt_at, created_at, sent_at)
            VALUES (@TenantId, @messageId, @MemberId, @Channel, @Kind, @JourneyKey, @EntryId, @StepId, @IncidentId, @ServiceMessageId,
                @ToAddress, @Subject, @Body, @status, 0, @next, @now, @sentAt)
            ON CONFLICT (tenant_id, entry_id, step_id) DO NOTHING
            """,
            new
            {
                m.TenantId,
                messageId,
                m.MemberId,
                m.Channel,
                m.Kind,
                m.JourneyKey,
                m.EntryId,
                m.StepId,
                m.IncidentId,
                m.ServiceMessageId,
                m.ToAddress,
                m.Subject,
                m.Body,
                status = inbox ? MessageStatus.Sent : MessageStatus.Queued,
                next = inbox ? (DateTimeOffset?)null : now,
                now,
                sentAt = inbox ? (DateTimeOffset?)now : null,
            }, scope.Transaction);
        if (inserted == 0)
        {
            return null;
        }
        if (inbox && m.ServiceMessageId is not null)
        {
            await MarkServiceMessageSentAsync(scope, m.TenantId, m.MemberId, m.ServiceMessageId);
        }
        return messageId;
    }

    /// <summary>Records a send that was decided against (no consent, frequency cap, no address), so the report can say why.</summary>
    public async Task SkipAsync(WriteScope scope, OutgoingMessage m, string reason)
    {
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO messages (tenant_id, message_id, member_id, channel, kind, journey_key, entry_id, step_id, incident_id, service_message_id,
                to_address, subject, body, status, reason, created_at)
            VALUES (@TenantId, @messageId, @MemberId, @Channel, @Kind, @JourneyKey, @EntryId, @StepId, @IncidentId, @ServiceMessageId,
                NULL, NULL, '', @status, @reason, @now)
            ON CONFLICT (tenant_id, entry_id, step_id) DO NOTHING
            """,
            new
            {
                m.TenantId,
                messageId = Ids.New("msg", clock),
                m.MemberId,
                m.Channel,
                m.Kind,
                m.JourneyKey,
                m.EntryId,
                m.StepId,
                m.IncidentId,
                m.ServiceMessageId,
                status = MessageStatus.Skipped,
                reason,
                now = clock.GetUtcNow(),
            }, scope.Transaction);
    }

    public static Task MarkSkippedAsync(WriteScope scope, string tenantId, string messageId, string reason) =>
        scope.Connection.ExecuteAsync(
            "UPDATE messages SET status = 'skipped', reason = @reason, sent_at = NULL WHERE tenant_id = @tenantId AND message_id = @messageId",
            new { reason, tenantId, messageId }, scope.Transaction);

    /// <summary>Marketing messages on a channel queued or sent to the member since <paramref name="since"/> (for frequency caps).</summary>
    public static Task<long> RecentMarketingAsync(WriteScope scope, string tenantId, string memberId, string channel, DateTimeOffset since) =>
        scope.Connection.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM messages
            WHERE tenant_id = @tenantId AND member_id = @memberId AND channel = @channel AND created_at >= @since
              AND kind = 'marketing' AND status IN ('queued', 'sent')
            """, new { tenantId, memberId, channel, since }, scope.Transaction);

    /// <summary>
    /// Takes up to <paramref name="limit"/> due messages of a channel for delivery outside any transaction. The
    /// claim is a lease: their next attempt moves to now + lease, so no other node takes them meanwhile, and a
    /// node that dies mid-delivery leaves them to be retried once the lease runs out.
    /// </summary>
    public static async Task<IReadOnlyList<MessageRow>> ClaimAsync(WriteScope scope, string channel, DateTimeOffset now, TimeSpan lease, int limit)
    {
        var skipLocked = scope.Db.Kind == StoreKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var due = (await scope.Connection.QueryAsync<MessageRow>(
            $"""
            SELECT {MessageRow.Columns} FROM messages
            WHERE status = 'queued' AND next_attempt_at <= @now AND channel = @channel
            ORDER BY next_attempt_at, message_id LIMIT {limit}{skipLocked}
            """, new { now, channel }, scope.Transaction)).ToList();
        foreach (var m in due)
        {
            await scope.Connection.ExecuteAsync(
                "UPDATE messages SET next_attempt_at = @until WHERE tenant_id = @TenantId AND message_id = @MessageId",
                new { until = now + lease, m.TenantId, m.MessageId }, scope.Transaction);
        }
        return due;
    }

    public static async Task MarkSentAsync(WriteScope scope, MessageRow m, DateTimeOffset now)
    {
        await scope.Connection.ExecuteAsync(
            """
            UPDATE messages SET status = 'sent', sent_at = @now, attempts = attempts + 1, next_attempt_at = NULL, reason = NULL
            WHERE tenant_id = @TenantId AND message_id = @MessageId AND status = 'queued'
            """, new { now, m.TenantId, m.MessageId }, scope.Transaction);
        if (m.ServiceMessageId is not null)
        {
            await MarkServiceMessageSentAsync(scope, m.TenantId, m.MemberId, m.ServiceMessageId);
        }
    }

    /// <summary>A failed attempt: retried at <paramref name="next"/>, or given up (failed) when that is null.</summary>
    public static Task MarkAttemptFailedAsync(WriteScope scope, MessageRow m, string error, DateTimeOffset? next) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE messages SET attempts = attempts + 1, reason = @error, next_attempt_at = @next,
                status = CASE WHEN @giveUp THEN 'failed' ELSE status END
            WHERE tenant_id = @TenantId AND message_id = @MessageId AND status = 'queued'
            """, new { error, next, giveUp = next is null, m.TenantId, m.MessageId }, scope.Transaction);

    /// <summary>Ends a queued message without delivering it (the member was erased, or no channel is there to take it).</summary>
    public static Task CancelAsync(WriteScope scope, MessageRow m, string status, string reason) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE messages SET status = @status, reason = @reason, next_attempt_at = NULL
            WHERE tenant_id = @TenantId AND message_id = @MessageId AND status = 'queued'
            """, new { status, reason, m.TenantId, m.MessageId }, scope.Transaction);

    /// <summary>The apology a recovery case left in service_messages has reached the member.</summary>
    private static Task MarkServiceMessageSentAsync(WriteScope scope, string tenantId, string memberId, string serviceMessageId) =>
        scope.Connection.ExecuteAsync(
            "UPDATE service_messages SET status = 'sent' WHERE tenant_id = @tenantId AND member_id = @memberId AND message_id = @serviceMessageId",
            new { tenantId, memberId, serviceMessageId }, scope.Transaction);
}

/// <summary>
/// A message as read back. The body is read cut to <see cref="MaxBodyChars"/> characters, with its stored length
/// beside it: rendered messages are capped at 64 KiB, but one stored before that cap could be any size, and
/// reading it whole would break every page that shows it (the inbox, the portal, the export) for good.
/// </summary>
public sealed class MessageRow
{
    public const int MaxBodyChars = 64 * 1024;

    public const string Columns = """
        tenant_id, message_id, member_id, channel, kind, journey_key, entry_id, step_id, incident_id, service_message_id, to_address,
        substr(subject, 1, 1000) AS subject, substr(body, 1, 65536) AS body, length(body) AS body_length,
        status, reason, attempts, next_attempt_at, created_at, sent_at, read_at
        """;

    /// <summary>The body as stored was longer than <see cref="Body"/>, which holds its first <see cref="MaxBodyChars"/> characters.</summary>
    public bool Truncated => BodyLength > MaxBodyChars;

    public string TenantId { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string MemberId { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? JourneyKey { get; init; }
    public string? EntryId { get; init; }
    public string? StepId { get; init; }
    public string? IncidentId { get; init; }
    public string? ServiceMessageId { get; init; }
    public string? ToAddress { get; init; }
    public string? Subject { get; init; }
    public string Body { get; init; } = "";
    public long BodyLength { get; init; }
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}
