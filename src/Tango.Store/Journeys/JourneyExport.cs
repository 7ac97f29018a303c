using System.Data.Common;
using Dapper;

namespace Tango.Store.Journeys;

/// <summary>A message in the export; <see cref="Truncated"/> when the stored body was longer than the first 64 KiB given in <see cref="Body"/>.</summary>
public sealed record ExportedMessage(string MessageId, string Channel, string Kind, string? Journey, string? StepId, string? IncidentId,
    string? To, string? Subject, string Body, string Status, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, bool Truncated = false);

/// <summary>A member's journeys and every message written to them, for the GDPR export.</summary>
public static class JourneyExport
{
    public static async Task<IReadOnlyList<MemberJourney>> EntriesAsync(DbConnection connection, string tenantId, string memberId) =>
        (await connection.QueryAsync<EntryRow>(
            $"SELECT {EntryRow.Columns} FROM journey_entries WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY entered_at, entry_id",
            new { tenantId, memberId }))
        .Select(r => new MemberJourney(r.JourneyKey, r.Status, r.Occasion, r.HeldOut, r.EnteredAt, r.DueAt, r.FinishedAt, r.ExitReason)).ToList();

    public static async Task<IReadOnlyList<ExportedMessage>> MessagesAsync(DbConnection connection, string tenantId, string memberId) =>
        (await connection.QueryAsync<MessageRow>(
            $"SELECT {MessageRow.Columns} FROM messages WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY created_at, message_id",
            new { tenantId, memberId }))
        .Select(m => new ExportedMessage(m.MessageId, m.Channel, m.Kind, m.JourneyKey, m.StepId, m.IncidentId, m.ToAddress, m.Subject, m.Body,
            m.Status, m.Reason, m.CreatedAt, m.SentAt, m.Truncated)).ToList();
}
