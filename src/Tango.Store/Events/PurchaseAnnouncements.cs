using Tango.Store.Challenges;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Tiers;

namespace Tango.Store.Events;

/// <summary>
/// What a batch of purchases did beyond points that a member's systems want to hear at once: a tier change (kept
/// in the tier history), a challenge completed, a referral that qualified. These are rare beside purchases, so they
/// are written and announced row by row after the batch's set-based statements; when no subscription wants them,
/// announcing costs one read of the tenant's subscriptions per batch that has any. A completion or qualification made
/// by a history purchase is recorded but not announced: those events exist to congratulate the member, which an
/// import of old orders must not do.
/// </summary>
internal static class PurchaseAnnouncements
{
    public static async Task WriteAsync(WriteScope scope, PurchaseWrites writes)
    {
        foreach (var (tenantId, memberId, change) in writes.TierChanges)
        {
            await TierSql.InsertAsync(scope, tenantId, memberId, change, writes.Now);
        }
        foreach (var c in writes.Completions.Where(c => !writes.HistoryEvents.Contains(c.EventId)))
        {
            await ChallengeCompleted(scope, c, writes.Now);
        }
        foreach (var q in writes.Qualifications.Where(q => !writes.HistoryEvents.Contains(q.EventId)))
        {
            await WebhookNotifications.NotifyAsync(scope, q.TenantId, "referral.qualified",
                new { memberId = q.ReferrerId, referrerId = q.ReferrerId, friendId = q.FriendId, q.OrderId, q.EventId, q.OccurredAt, q.ReferrerPoints, q.FriendPoints },
                writes.Now);
        }
    }

    public static Task<int> ChallengeCompleted(WriteScope scope, CompletionWrite c, DateTimeOffset now) =>
        WebhookNotifications.NotifyAsync(scope, c.TenantId, "challenge.completed",
            new { memberId = c.MemberId, challengeId = c.ChallengeId, c.Occurrence, c.Kind, c.Points, c.Badge, c.EventId, completedAt = c.LastAt }, now);
}
