using Tango.Domain.Service;

namespace Tango.Store.Service;

/// <summary>
/// A service-recovery case: the staff task opened by a detractor answer or an SLA breach, with the apology
/// left for the journey engine and the compensation granted through the ledger.
/// </summary>
public sealed record RecoveryCase(
    string CaseId,
    string MemberId,
    string Occasion,
    string Cause,
    string Reason,
    string? TicketId,
    string? ResponseId,
    RecoveryStatus Status,
    string? Note,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    RecoveryCompensation? Compensation,
    RecoveryApology? Apology);

/// <summary>Null on a case when the program grants no compensation.</summary>
/// <param name="LineId">The ledger line of the grant; null when nothing was granted.</param>
/// <param name="Note">Why fewer points than requested were granted.</param>
public sealed record RecoveryCompensation(long Requested, long Granted, long? LineId, string? Note);

/// <summary>The apology waiting in service_messages; "pending" until a journey engine delivers it.</summary>
public sealed record RecoveryApology(string MessageId, string Status);

/// <summary>Why a case was opened.</summary>
public static class RecoveryCauses
{
    public const string SlaBreach = "sla-breach";
    public const string Detractor = "detractor";
}

/// <summary>One occasion for service recovery; <see cref="Key"/> is unique per tenant, so each opens one case.</summary>
/// <param name="Key">"sla:{ticketId}" or "survey:{responseId}".</param>
/// <param name="Reason">Said on the case and on the ledger line, e.g. "ticket tkt_… first response breached".</param>
public sealed record RecoveryOccasion(string MemberId, string Key, string Cause, string Reason, string? TicketId = null, string? ResponseId = null);

public sealed record RecoveryFilter(RecoveryStatus? Status, string? MemberId, int Limit, string? After);

public sealed record RecoveryChange(RecoveryStatus? Status, string? Note, bool NoteSet);

internal sealed class RecoveryRow
{
    public string CaseId { get; set; } = "";
    public string MemberId { get; set; } = "";
    public string Occasion { get; set; } = "";
    public string Cause { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? TicketId { get; set; }
    public string? ResponseId { get; set; }
    public string Status { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long CompensationRequested { get; set; }
    public long CompensationGranted { get; set; }
    public long? CompensationLineId { get; set; }
    public string? CompensationNote { get; set; }
    public string? MessageId { get; set; }
    public string? MessageStatus { get; set; }

    public const string Select = """
        SELECT c.case_id, c.member_id, c.occasion, c.cause, c.reason, c.ticket_id, c.response_id, c.status, c.note, c.created_at,
               c.closed_at, c.compensation_requested, c.compensation_granted, c.compensation_line_id, c.compensation_note,
               m.message_id, m.status AS message_status
        FROM recovery_cases c
        LEFT JOIN service_messages m ON m.tenant_id = c.tenant_id AND m.member_id = c.member_id AND m.case_id = c.case_id
        """;

    public RecoveryCase ToCase() => new(CaseId, MemberId, Occasion, Cause, Reason, TicketId, ResponseId,
        ServiceNames.Parse<RecoveryStatus>(Status), Note, CreatedAt, ClosedAt,
        CompensationRequested == 0 ? null : new RecoveryCompensation(CompensationRequested, CompensationGranted, CompensationLineId, CompensationNote),
        MessageId is null ? null : new RecoveryApology(MessageId, MessageStatus ?? "pending"));
}
