using Tango.Journeys.Templates;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Programs;

namespace Tango.Journeys.Messaging;

/// <summary>Builds what a message template renders with, inside the write that queues the message.</summary>
public sealed class MessageComposer(ProgramStore programs, Unsubscribes unsubscribes, JourneyOptions options)
{
    /// <summary>The member, their numbers and markers; callers add what their trigger or incident brings.</summary>
    public async Task<Dictionary<string, object?>> ModelAsync(WriteScope scope, JourneyMember member)
    {
        var program = await programs.CurrentAsync(scope, member.TenantId);
        var markers = await JourneyMembers.MarkersAsync(scope.Connection, scope.Transaction, member.TenantId, member.MemberId);
        return TemplateModel.For(member, markers, program.Document);
    }

    /// <summary>The member's one-click unsubscribe link for marketing on a channel.</summary>
    public async Task<string> UnsubscribeUrlAsync(WriteScope scope, string tenantId, string memberId, string channel)
    {
        var key = await unsubscribes.SigningKeyAsync(scope, tenantId);
        return UnsubscribeLinks.Url(options.PublicUrl, key, new UnsubscribeLinks.Target(tenantId, memberId, channel));
    }

    /// <summary>
    /// Renders a message: the subject (one line, trimmed, at most 250 characters) and the body, or why there is none
    /// (a template past its limits), which the caller records as the reason the message was skipped.
    /// </summary>
    public static async Task<ComposedMessage> ComposeAsync(string? subjectTemplate, string bodyTemplate, IReadOnlyDictionary<string, object?> model)
    {
        string? subject = null;
        if (subjectTemplate is not null)
        {
            var rendered = await LiquidTemplates.RenderAsync(subjectTemplate, model);
            if (rendered.Text is null)
            {
                return new ComposedMessage(null, "", rendered.Refusal);
            }
            var line = rendered.Text.ReplaceLineEndings(" ").Trim();
            subject = line.Length > 250 ? line[..250] : line;
        }
        var body = await LiquidTemplates.RenderAsync(bodyTemplate, model);
        return new ComposedMessage(subject, body.Text ?? "", body.Refusal);
    }
}

/// <summary>A rendered subject and body; <see cref="Refusal"/> names why there is no message when a template went past its limits.</summary>
public sealed record ComposedMessage(string? Subject, string Body, string? Refusal);
