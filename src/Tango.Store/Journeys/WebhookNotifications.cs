using System.Text.Json;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>
/// Queues a webhook event for every subscription of the tenant that wants it, in the caller's transaction, so
/// the event is queued if and only if what it reports commits. The body `{type, timestamp, data}` is fixed
/// now, so every retry sends the same bytes under the same webhook-id.
/// </summary>
public static class WebhookNotifications
{
    /// <param name="source">
    /// What the event reports, when it may be noticed more than once (a reread row): a second queueing with the
    /// same source for the same subscription does nothing.
    /// </param>
    /// <returns>How many subscriptions it was queued for.</returns>
    public static async Task<int> NotifyAsync(WriteScope scope, string tenantId, string type, object data, DateTimeOffset now,
        string? source = null)
    {
        var subscribers = await SubscribersAsync(scope, tenantId, type);
        if (subscribers.Count == 0)
        {
            return 0;
        }
        var payload = StoreJson.Serialize(new { type, timestamp = now, data });
        var queued = 0;
        foreach (var webhookId in subscribers)
        {
            queued += await scope.Connection.ExecuteAsync(
                """
                INSERT INTO webhook_deliveries (tenant_id, delivery_id, webhook_id, type, payload, status, attempts, next_attempt_at, created_at, source)
                VALUES (@tenantId, @deliveryId, @webhookId, @type, @payload, 'pending', 0, @now, @now, @source)
                ON CONFLICT DO NOTHING
                """, new { tenantId, deliveryId = "msg_" + Guid.CreateVersion7(now).ToString("N"), webhookId, type, payload, now, source },
                scope.Transaction);
        }
        return queued;
    }

    /// <summary>Whether any subscription of the tenant wants <paramref name="type"/>; cheap within one transaction.</summary>
    public static async Task<bool> WantedAsync(WriteScope scope, string tenantId, string type) =>
        (await SubscribersAsync(scope, tenantId, type)).Count > 0;

    private static async Task<IReadOnlyList<string>> SubscribersAsync(WriteScope scope, string tenantId, string type)
    {
        var key = "webhooks:" + tenantId;
        if (!scope.Cache.TryGetValue(key, out var cached))
        {
            var rows = await scope.Connection.QueryAsync<(string WebhookId, string Events)>(
                "SELECT webhook_id, events FROM webhooks WHERE tenant_id = @tenantId AND deleted_at IS NULL", new { tenantId }, scope.Transaction);
            cached = scope.Cache[key] = rows.Select(r => (r.WebhookId, Events: JsonSerializer.Deserialize<List<string>>(r.Events) ?? [])).ToList();
        }
        return ((List<(string WebhookId, List<string> Events)>)cached)
            .Where(w => w.Events.Contains("*") || w.Events.Contains(type)).Select(w => w.WebhookId).ToList();
    }
}
