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

    /// <summary>Renders a subject: one line, trimmed, at most 250 characters.</summary>
    public static async Task<string?> SubjectAsync(string? template, IReadOnlyDictionary<string, object?> model)
    {
        if (template is null)
        {
            return null;
        }
        var text = (await LiquidTemplates.RenderAsync(template, model)).ReplaceLineEndings(" ").Trim();
        return text.Length > 250 ? text[..250] : text;
    }
}
