using System.Text.Json;
using Tango.Domain.Programs;
using Tango.Journeys.Engine;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Journeys.Webhooks;

/// <summary>
/// Announces purchases and refunds to webhook subscribers: `purchase.recorded`, `refund.recorded`, `points.earned`,
/// and `member.created` for a member its first event enrolled. These are read from the stored events behind a cursor
/// of their own (as the journey engine reads them, see <see cref="EventSignals"/>) rather than queued by the purchase
/// path itself, so a purchase costs nothing more when nobody listens and the hot path stays set-based. Each event is
/// queued with its source (the event id), so the rows reread behind the cursor never queue twice. History (an old event
/// arriving now, see <see cref="HistoryPolicy"/>) is announced too, since integrations mirror orders and points, with
/// `history: true` so a receiver that writes to customers can tell it from news.
/// </summary>
public sealed class WebhookFanout(Database db, WriteQueue writes, EventSignals signals, ProgramStore programs, JourneyOptions options,
    TimeProvider clock)
{
    public const string CursorName = "webhooks";
    private const int EventsPerWrite = 200;

    private readonly SettledEventReader _reader = new(writes, signals, options, clock, CursorName, EventsPerWrite);

    /// <summary>The webhook events this reader queues; the rest are queued by the writes that make them.</summary>
    public static IReadOnlyList<string> Types { get; } = ["purchase.recorded", "refund.recorded", "points.earned", "member.created"];

    // An auto-enrolled member's row and its first event are written by one transaction, at one instant.
    private static readonly TimeSpan EnrolledWith = TimeSpan.FromSeconds(1);

    /// <returns>How many deliveries were queued.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await WebhookSources.FirstSubscriptionAsync(connection, Types.ToArray()) is not { } firstSubscription)
        {
            return 0;
        }
        // Before the first subscription, the events already stored are history nobody asked to hear about.
        var cursor = await _reader.CursorAsync(connection, () => EventSignals.LastBeforeAsync(connection, firstSubscription));
        return await _reader.ReadAsync(connection, cursor, e => e.Type is "purchase" or "refund", AnnounceAsync, ct);
    }

    private async Task<int> AnnounceAsync(WriteScope scope, IReadOnlyList<SignalEvent> events)
    {
        var queued = 0;
        foreach (var tenant in events.GroupBy(e => e.TenantId))
        {
            var tenantId = tenant.Key;
            if (!await AnyWantedAsync(scope, tenantId))
            {
                continue;
            }
            var points = await WebhookSources.PointsByEventAsync(scope, tenantId, tenant.Select(e => e.EventId).ToArray());
            var enrolled = await WebhookSources.EnrolledAtAsync(scope, tenantId, tenant.Select(e => e.MemberId).Distinct().ToArray());
            var history = HistoryPolicy.Of((await programs.CurrentAsync(scope, tenantId)).Document);
            foreach (var e in tenant)
            {
                queued += await AnnounceAsync(scope, e, points.GetValueOrDefault(e.EventId), enrolled.GetValueOrDefault(e.MemberId),
                    history.IsHistory(e.OccurredAt, e.ReceivedAt));
            }
        }
        return queued;
    }

    private static async Task<bool> AnyWantedAsync(WriteScope scope, string tenantId)
    {
        foreach (var type in Types)
        {
            if (await WebhookNotifications.WantedAsync(scope, tenantId, type))
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<int> AnnounceAsync(WriteScope scope, SignalEvent e, EventPoints? points, DateTimeOffset? enrolledAt, bool history)
    {
        var (tenantId, at) = (e.TenantId, e.ReceivedAt);
        using var document = JsonDocument.Parse(e.Data);
        var data = document.RootElement;
        var orderId = data.TryGetProperty("orderId", out var id) ? id.GetString() : null;
        var queued = 0;
        if (enrolledAt is { } enrolled && (enrolled - e.ReceivedAt).Duration() <= EnrolledWith)
        {
            queued += await WebhookNotifications.NotifyAsync(scope, tenantId, "member.created",
                new { memberId = e.MemberId, enrolledBy = e.EventId }, at, MemberWrites.MemberCreatedSource(e.MemberId));
        }
        if (e.Type == "purchase")
        {
            queued += await WebhookNotifications.NotifyAsync(scope, tenantId, "purchase.recorded",
                new { eventId = e.EventId, memberId = e.MemberId, occurredAt = e.OccurredAt, history, data }, at, "event:" + e.EventId);
            if (points?.Earned is > 0 and var earned)
            {
                queued += await WebhookNotifications.NotifyAsync(scope, tenantId, "points.earned",
                    new { eventId = e.EventId, memberId = e.MemberId, orderId, points = earned, history }, at, "earned:" + e.EventId);
            }
        }
        else
        {
            queued += await WebhookNotifications.NotifyAsync(scope, tenantId, "refund.recorded",
                new { eventId = e.EventId, memberId = e.MemberId, occurredAt = e.OccurredAt, history, data, pointsClawedBack = points?.ClawedBack ?? 0 },
                at, "event:" + e.EventId);
        }
        return queued;
    }
}
