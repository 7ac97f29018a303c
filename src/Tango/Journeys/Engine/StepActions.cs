using System.Text.Json;
using Tango.Domain.Journeys;
using Tango.Domain.Service;
using Tango.Journeys.Messaging;
using Tango.Journeys.Templates;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Service;

namespace Tango.Journeys.Engine;

/// <summary>What a step does, inside the step runner's transaction: exits and branches read, grants and sends write.</summary>
public sealed class StepActions(Outbox outbox, WebhookStore webhooks, JourneyGrants grants, MessageComposer composer, SurveyInvitations surveys,
    JourneyOptions options)
{
    /// <summary>
    /// Why the entry leaves before its next step, or null. An abandoned cart always ends when that cart converts;
    /// a viewed product when it is bought; otherwise the journey's own exit conditions decide.
    /// </summary>
    public async Task<string?> ExitReasonAsync(WriteScope scope, JourneyDefinition definition, EntryRow entry)
    {
        var context = EntryContext.FromJson(entry.Context);
        var exit = definition.Exit;
        if (exit?.OnPurchase == true && await JourneyEntries.PurchasedSinceAsync(scope.Connection, scope.Transaction, entry))
        {
            return "purchased";
        }
        var types = new HashSet<string>(exit?.OnEvents ?? [], StringComparer.Ordinal);
        if (definition.Trigger?.Type == TriggerTypes.CartAbandoned)
        {
            types.Add("cart.converted");
        }
        if (definition.Trigger?.Type == TriggerTypes.ProductViewed)
        {
            types.Add("purchase");
        }
        if (types.Count == 0)
        {
            return null;
        }
        foreach (var data in await JourneyEntries.EventsSinceAsync(scope.Connection, scope.Transaction, entry, types))
        {
            if (Counts(data.Type, data.Data, context, explicitly: exit?.OnEvents?.Contains(data.Type) == true))
            {
                return "event:" + data.Type;
            }
        }
        return null;
    }

    /// <summary>
    /// An event ends an entry when the journey names its type, except that a cart event only counts for the
    /// entry's own cart and, for a viewed product, only a purchase of that product counts.
    /// </summary>
    private static bool Counts(string type, string data, EntryContext context, bool explicitly)
    {
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        if (type.StartsWith("cart.", StringComparison.Ordinal) && context.CartId is { } cart)
        {
            return root.TryGetProperty("cartId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == cart;
        }
        if (type == "purchase" && context.Sku is { } sku && !explicitly)
        {
            return root.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array
                && lines.EnumerateArray().Any(l => l.TryGetProperty("sku", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == sku);
        }
        return true;
    }

    public async Task<bool> ConditionHoldsAsync(WriteScope scope, BranchCondition condition, EntryRow entry) =>
        condition.Purchased == true
            ? await JourneyEntries.PurchasedSinceAsync(scope.Connection, scope.Transaction, entry)
            : (await JourneyEntries.EventsSinceAsync(scope.Connection, scope.Transaction, entry, [condition.Event!])).Count > 0;

    public async Task<long?> GrantAsync(WriteScope scope, EntryRow entry, StepSpec step)
    {
        var reason = $"journey {entry.JourneyKey}: {step.Reason ?? step.Id}";
        return await grants.GrantAsync(scope, entry.TenantId, entry.MemberId, step.Points!.Value, reason) is null ? null : step.Points;
    }

    /// <summary>Queues the step's message, or records why not (no consent, no address, frequency cap, nobody listening).</summary>
    /// <returns>The channel when the message was delivered here and now (inbox, webhook hand-off); null otherwise.</returns>
    public async Task<string?> SendAsync(WriteScope scope, JourneyDefinition definition, EntryRow entry, StepSpec step, JourneyMember member,
        DateTimeOffset now)
    {
        var channel = step.Channel!;
        var marketing = definition.Transactional != true;
        var message = new OutgoingMessage(entry.TenantId, entry.MemberId, channel, marketing ? MessageKinds.Marketing : MessageKinds.Transactional,
            channel == "email" ? member.Email : null, null, "", entry.JourneyKey, entry.EntryId, step.Id,
            ServiceMessageId: EntryContext.FromJson(entry.Context).ServiceMessageId);
        if (await RefusalAsync(scope, definition, message, member, marketing, now) is { } refusal)
        {
            await outbox.SkipAsync(scope, message, refusal);
            return null;
        }
        var model = await ModelAsync(scope, definition, entry, step, member, marketing && channel == "email");
        var composed = await MessageComposer.ComposeAsync(step.Subject, step.Template!, model);
        if (composed.Refusal is { } tooMuch)
        {
            await outbox.SkipAsync(scope, message, tooMuch);
            return null;
        }
        message = message with { Subject = composed.Subject, Body = composed.Body };
        if (await outbox.AddAsync(scope, message) is not { } messageId)
        {
            return null;
        }
        if (channel == "webhook")
        {
            // The business's own systems deliver it (SMS, push, a CRM task): they get a journey.message event.
            var data = new { messageId, journey = entry.JourneyKey, step = step.Id, memberId = entry.MemberId, subject = message.Subject, body = message.Body };
            if (await webhooks.EnqueueAsync(scope, entry.TenantId, "journey.message", data) == 0)
            {
                await Outbox.MarkSkippedAsync(scope, entry.TenantId, messageId, "no-webhook");
                return null;
            }
        }
        return channel == "email" ? null : channel;
    }

    private static async Task<string?> RefusalAsync(WriteScope scope, JourneyDefinition definition, OutgoingMessage message, JourneyMember member,
        bool marketing, DateTimeOffset now)
    {
        if (message.Channel == "email" && string.IsNullOrEmpty(member.Email))
        {
            return "no-address";
        }
        if (!marketing)
        {
            return null;
        }
        if (message.Channel == "email" && !member.ConsentEmail)
        {
            return "no-consent";
        }
        if (definition.FrequencyCap is { Max: { } max, PerDays: { } days }
            && await Outbox.RecentMarketingAsync(scope, member.TenantId, member.MemberId, message.Channel, now.AddDays(-days)) >= max)
        {
            return "frequency-cap";
        }
        return null;
    }

    private async Task<Dictionary<string, object?>> ModelAsync(WriteScope scope, JourneyDefinition definition, EntryRow entry, StepSpec step,
        JourneyMember member, bool unsubscribable)
    {
        var model = await composer.ModelAsync(scope, member);
        var context = EntryContext.FromJson(entry.Context);
        model["journey"] = TemplateModel.Map(("key", entry.JourneyKey), ("name", definition.Name));
        model["reward"] = TemplateModel.Map(("points", entry.PointsGranted));
        model["unsubscribeUrl"] = unsubscribable ? await composer.UnsubscribeUrlAsync(scope, entry.TenantId, entry.MemberId, "email") : null;
        if (context.Variable is { } name)
        {
            model[name] = TemplateModel.FromJson(context.Value);
        }
        if (step.Survey is { } kind)
        {
            model["survey"] = TemplateModel.Map(("kind", kind), ("url", await SurveyUrlAsync(scope, entry, context, kind)));
        }
        return model;
    }

    /// <summary>
    /// A survey invitation for the entry's occasion (its ticket, else its order). One invitation per occasion:
    /// when one exists already its link was shown once and is not kept, so the template gets none.
    /// </summary>
    private async Task<string?> SurveyUrlAsync(WriteScope scope, EntryRow entry, EntryContext context, string kind)
    {
        var invitation = new NewInvitation(entry.MemberId, ServiceNames.Parse<SurveyKind>(kind), context.TicketId is null ? context.OrderId : null,
            context.TicketId, options.PublicUrl + Service.SurveysEndpoints.AnswerPath);
        var response = await surveys.InviteAsync(scope, entry.TenantId, invitation);
        using var doc = JsonDocument.Parse(response.Body);
        return response.Status == 201 && doc.RootElement.TryGetProperty("url", out var url) ? url.GetString() : null;
    }
}
