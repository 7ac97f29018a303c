using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

public sealed record Webhook(string WebhookId, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>What `POST /v1/webhooks` answers, once: the signing secret is not shown again.</summary>
public sealed record CreatedWebhook(string WebhookId, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

public sealed record WebhookAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

public sealed record WebhookDelivery(string DeliveryId, string Type, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatus, IReadOnlyList<WebhookAttempt> AttemptLog);

/// <summary>
/// Webhook subscriptions and their deliveries. A delivery is a row per (event, subscription) written in the
/// transaction that produced the event; its id is the `webhook-id` of every attempt, and each attempt is recorded.
/// </summary>
public sealed class WebhookStore(Database db, TimeProvider clock)
{
    /// <summary>The event names API.md lists; "*" subscribes to all.</summary>
    public static IReadOnlyList<string> EventNames { get; } =
    [
        "member.created", "member.updated", "purchase.recorded", "refund.recorded", "points.earned", "points.redeemed", "points.expired",
        "tier.changed", "reward.redeemed", "referral.qualified", "challenge.completed", "journey.message", "incident.notified",
    ];

    public async Task<StoredResponse> CreateAsync(WriteScope scope, string tenantId, string url, IReadOnlyList<string> events)
    {
        var now = clock.GetUtcNow();
        var webhookId = Ids.New("whk", clock);
        // Standard Webhooks: "whsec_" and the base64 of the key; 24 random bytes, as the reference libraries make.
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        await scope.Connection.ExecuteAsync(
            "INSERT INTO webhooks (tenant_id, webhook_id, url, events, secret, created_at) VALUES (@tenantId, @webhookId, @url, @events, @secret, @now)",
            new { tenantId, webhookId, url, events = JsonSerializer.Serialize(events), secret, now }, scope.Transaction);
        return Responses.Json(201, new CreatedWebhook(webhookId, url, events, secret, now));
    }

    public async Task<StoredResponse> DeleteAsync(WriteScope scope, string tenantId, string webhookId)
    {
        var deleted = await scope.Connection.ExecuteAsync(
            "UPDATE webhooks SET deleted_at = @now WHERE tenant_id = @tenantId AND webhook_id = @webhookId AND deleted_at IS NULL",
            new { now = clock.GetUtcNow(), tenantId, webhookId }, scope.Transaction);
        if (deleted == 0)
        {
            return Responses.NotFound($"Webhook '{webhookId}'");
        }
        // Nothing more goes to a removed endpoint.
        await scope.Connection.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE tenant_id = @tenantId AND webhook_id = @webhookId AND status = 'pending'",
            new { tenantId, webhookId }, scope.Transaction);
        return new StoredResponse(204, "");
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<WebhookRow>(
            "SELECT webhook_id, url, events, secret, created_at FROM webhooks WHERE tenant_id = @tenantId AND deleted_at IS NULL ORDER BY created_at",
            new { tenantId });
        return rows.Select(r => r.ToWebhook()).ToList();
    }

    public async Task<Webhook?> GetAsync(string tenantId, string webhookId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await FindAsync(connection, tenantId, webhookId);
    }

    /// <summary>Newest first; the cursor is the last delivery id seen (ids are time-ordered).</summary>
    public async Task<(IReadOnlyList<WebhookDelivery> Items, string? Next)?> DeliveriesAsync(string tenantId, string webhookId, int limit,
        string? before, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await FindAsync(connection, tenantId, webhookId) is null)
        {
            return null;
        }
        var rows = (await connection.QueryAsync<DeliveryRow>(
            $"""
            SELECT delivery_id, type, status, attempts, created_at, next_attempt_at, delivered_at, last_status FROM webhook_deliveries
            WHERE tenant_id = @tenantId AND webhook_id = @webhookId {(before is null ? "" : "AND delivery_id < @before")}
            ORDER BY delivery_id DESC LIMIT @take
            """, new { tenantId, webhookId, before, take = limit + 1 })).ToList();
        var page = rows.Take(limit).ToList();
        var ids = page.Select(r => r.DeliveryId).ToArray();
        var attempts = (ids.Length == 0 ? [] : await connection.QueryAsync<AttemptRow>(
            $"""
            SELECT delivery_id, attempt, at, status_code, error, duration_ms FROM webhook_attempts
            WHERE tenant_id = @tenantId AND {InList.Sql(connection, "delivery_id", "ids")} ORDER BY attempt
            """, new { tenantId, ids })).ToLookup(a => a.DeliveryId);
        var items = page.Select(r => new WebhookDelivery(r.DeliveryId, r.Type, r.Status, r.Attempts, r.CreatedAt, r.NextAttemptAt, r.DeliveredAt,
            r.LastStatus, attempts[r.DeliveryId].Select(a => new WebhookAttempt(a.Attempt, a.At, a.StatusCode, a.Error, a.DurationMs)).ToList())).ToList();
        return (items, rows.Count > limit ? page[^1].DeliveryId : null);
    }

    /// <summary>Queues an event for every subscription of the tenant that wants it (see <see cref="WebhookNotifications"/>).</summary>
    public Task<int> EnqueueAsync(WriteScope scope, string tenantId, string type, object data) =>
        WebhookNotifications.NotifyAsync(scope, tenantId, type, data, clock.GetUtcNow());

    /// <summary>Due deliveries with their endpoint, leased like outbox messages (see <see cref="Outbox.ClaimAsync"/>).</summary>
    public static async Task<IReadOnlyList<DueDelivery>> ClaimAsync(WriteScope scope, DateTimeOffset now, TimeSpan lease, int limit)
    {
        var skipLocked = scope.Db.Kind == StoreKind.Postgres ? " FOR UPDATE OF d SKIP LOCKED" : "";
        var due = (await scope.Connection.QueryAsync<DueDelivery>(
            $"""
            SELECT d.tenant_id, d.delivery_id, d.webhook_id, d.type, d.payload, d.attempts, w.url, w.secret
            FROM webhook_deliveries d JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.webhook_id = d.webhook_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= @now
            ORDER BY d.next_attempt_at, d.delivery_id LIMIT {limit}{skipLocked}
            """, new { now }, scope.Transaction)).ToList();
        foreach (var d in due)
        {
            await scope.Connection.ExecuteAsync(
                "UPDATE webhook_deliveries SET next_attempt_at = @until WHERE tenant_id = @TenantId AND delivery_id = @DeliveryId",
                new { until = now + lease, d.TenantId, d.DeliveryId }, scope.Transaction);
        }
        return due;
    }

    /// <summary>Records one attempt; the delivery is done when it succeeded, retried at <paramref name="next"/>, or failed when that is null.</summary>
    public static async Task RecordAttemptAsync(WriteScope scope, DueDelivery d, WebhookAttempt attempt, bool delivered, DateTimeOffset? next)
    {
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, at, status_code, error, duration_ms)
            VALUES (@TenantId, @DeliveryId, @Attempt, @At, @StatusCode, @Error, @DurationMs)
            ON CONFLICT (tenant_id, delivery_id, attempt) DO NOTHING
            """, new { d.TenantId, d.DeliveryId, attempt.Attempt, attempt.At, attempt.StatusCode, attempt.Error, attempt.DurationMs }, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            """
            UPDATE webhook_deliveries SET attempts = @Attempt, last_status = @StatusCode,
                status = @status, next_attempt_at = @next, delivered_at = @deliveredAt
            WHERE tenant_id = @TenantId AND delivery_id = @DeliveryId AND status = 'pending'
            """,
            new
            {
                attempt.Attempt,
                attempt.StatusCode,
                d.TenantId,
                d.DeliveryId,
                status = delivered ? "delivered" : next is null ? "failed" : "pending",
                next = delivered ? null : next,
                deliveredAt = delivered ? (DateTimeOffset?)attempt.At : null,
            }, scope.Transaction);
    }

    private static async Task<Webhook?> FindAsync(DbConnection connection, string tenantId, string webhookId) =>
        (await connection.QuerySingleOrDefaultAsync<WebhookRow>(
            "SELECT webhook_id, url, events, secret, created_at FROM webhooks WHERE tenant_id = @tenantId AND webhook_id = @webhookId AND deleted_at IS NULL",
            new { tenantId, webhookId }))?.ToWebhook();

    private sealed class WebhookRow
    {
        public string WebhookId { get; init; } = "";
        public string Url { get; init; } = "";
        public string Events { get; init; } = "[]";
        public string Secret { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }

        public Webhook ToWebhook() => new(WebhookId, Url, JsonSerializer.Deserialize<List<string>>(Events) ?? [], CreatedAt);
    }

    private sealed class DeliveryRow
    {
        public string DeliveryId { get; init; } = "";
        public string Type { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public int? LastStatus { get; init; }
    }

    private sealed class AttemptRow
    {
        public string DeliveryId { get; init; } = "";
        public int Attempt { get; init; }
        public DateTimeOffset At { get; init; }
        public int? StatusCode { get; init; }
        public string? Error { get; init; }
        public int DurationMs { get; init; }
    }
}

/// <summary>A delivery claimed for an attempt, with where it goes and the secret that signs it.</summary>
public sealed class DueDelivery
{
    public string TenantId { get; init; } = "";
    public string DeliveryId { get; init; } = "";
    public string WebhookId { get; init; } = "";
    public string Type { get; init; } = "";
    public string Payload { get; init; } = "";
    public int Attempts { get; init; }
    public string Url { get; init; } = "";
    public string Secret { get; init; } = "";
}
