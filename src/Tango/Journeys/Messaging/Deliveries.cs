using Tango.Domain.Journeys;
using Tango.Journeys.Webhooks;
using Tango.Operations;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;

namespace Tango.Journeys.Messaging;

/// <summary>
/// Delivers what the outbox holds: emails over SMTP and webhook deliveries over HTTP. Work is claimed in a
/// short transaction (a lease, see <see cref="Outbox.ClaimAsync"/>), the network is used outside any
/// transaction, and each outcome is recorded in another; failures are retried with exponential backoff. Webhook
/// deliveries to one endpoint go a few at a time (<see cref="WebhookEndpointGate"/>).
/// </summary>
public sealed class Deliveries(WriteQueue writes, EmailSender email, WebhookSender hooks, WebhookEndpointGate endpoints, MessageComposer composer,
    JourneyOptions options, TimeProvider clock, TangoMetrics metrics)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var delivered = 0;
        if (options.Smtp is not null)
        {
            delivered += await EmailsAsync(ct);
        }
        delivered += await WebhooksAsync(ct);
        return delivered;
    }

    private async Task<int> EmailsAsync(CancellationToken ct)
    {
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var claimed = await writes.RunAsync(scope => ClaimEmailsAsync(scope, clock.GetUtcNow()));
            if (claimed.Count == 0)
            {
                break;
            }
            var outcomes = await email.SendAsync(claimed, ct);
            var now = clock.GetUtcNow();
            await writes.RunAsync(async scope =>
            {
                for (var i = 0; i < claimed.Count; i++)
                {
                    var m = claimed[i].Message;
                    if (outcomes[i] is { } error)
                    {
                        await Outbox.MarkAttemptFailedAsync(scope, m, error, Retry(m.Attempts + 1, now));
                    }
                    else
                    {
                        await Outbox.MarkSentAsync(scope, m, now);
                    }
                }
                return 0;
            });
            var ok = outcomes.Count(o => o is null);
            for (var i = 0; i < ok; i++)
            {
                metrics.JourneySent("email");
            }
            sent += ok;
            // A server that took none of them is down or refusing: the rest wait for their own retry, not this pass.
            if (ok == 0 || claimed.Count < options.DeliveryBatch)
            {
                break;
            }
        }
        return sent;
    }

    /// <summary>Claims due emails; a member erased since the message was queued gets nothing, nor does a message too large to send.</summary>
    private async Task<IReadOnlyList<OutgoingEmail>> ClaimEmailsAsync(WriteScope scope, DateTimeOffset now)
    {
        var claimed = await Outbox.ClaimAsync(scope, "email", now, options.Lease, options.DeliveryBatch);
        var ready = new List<OutgoingEmail>();
        foreach (var m in claimed)
        {
            var member = await JourneyMembers.FindAsync(scope.Connection, scope.Transaction, m.TenantId, m.MemberId);
            if (member is null || member.ErasedAt is not null || string.IsNullOrEmpty(m.ToAddress))
            {
                await Outbox.CancelAsync(scope, m, MessageStatus.Skipped, "member-erased");
                continue;
            }
            if (m.Truncated)
            {
                // Queued before rendered messages were capped: it was read cut short, and half a message is not sent.
                await Outbox.CancelAsync(scope, m, MessageStatus.Skipped, Templates.TemplateRefusals.TooLarge);
                continue;
            }
            var unsubscribe = m.Kind == MessageKinds.Marketing ? await composer.UnsubscribeUrlAsync(scope, m.TenantId, m.MemberId, "email") : null;
            ready.Add(new OutgoingEmail(m, unsubscribe));
        }
        return ready;
    }

    private async Task<int> WebhooksAsync(CancellationToken ct)
    {
        var delivered = 0;
        while (!ct.IsCancellationRequested)
        {
            var claimed = await writes.RunAsync(scope => WebhookStore.ClaimAsync(scope, clock.GetUtcNow(), options.Lease, options.DeliveryBatch));
            if (claimed.Count == 0)
            {
                break;
            }
            var attempts = await Task.WhenAll(claimed.Select(d => endpoints.RunAsync(d.Url, () => hooks.AttemptAsync(d, ct), ct)));
            var now = clock.GetUtcNow();
            await writes.RunAsync(async scope =>
            {
                for (var i = 0; i < claimed.Count; i++)
                {
                    var (attempt, ok) = attempts[i];
                    await WebhookStore.RecordAttemptAsync(scope, claimed[i], attempt, ok, ok ? null : Retry(attempt.Attempt, now));
                }
                return 0;
            });
            delivered += attempts.Count(a => a.Delivered);
            if (claimed.Count < options.DeliveryBatch)
            {
                break;
            }
        }
        return delivered;
    }

    /// <summary>When to try again after this many failed attempts; null once they are used up.</summary>
    private DateTimeOffset? Retry(int failedAttempts, DateTimeOffset now) =>
        failedAttempts >= options.MaxAttempts ? null : now + Backoff.After(failedAttempts, options.FirstRetry, options.MaxRetry);
}
