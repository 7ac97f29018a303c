using System.Data.Common;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

public sealed class DatedMember
{
    public string MemberId { get; init; } = "";
    public string Date { get; init; } = "";
    public string? TimeZone { get; init; }
}

public sealed class LapsingMember
{
    public string MemberId { get; init; } = "";
    public double? PAlive { get; init; }
    public string Segment { get; init; } = "";
    public DateTimeOffset ComputedAt { get; init; }
}

public sealed class PendingApology
{
    public string MemberId { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string CaseId { get; init; } = "";
    public string Cause { get; init; } = "";
    public string Reason { get; init; } = "";
    public string? TicketId { get; init; }
    public string? ResponseId { get; init; }

    /// <summary>The order the detractor answer or the breached ticket was about, if any.</summary>
    public string? OrderId { get; init; }

    public long CompensationGranted { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// The triggers that are states rather than events: dates (birthdays, first-purchase anniversaries), insights
/// (P(alive), RFM segment) and the apologies service recovery leaves. Queries narrow the candidates; the
/// engine decides in the member's own time zone.
/// </summary>
public static class Scans
{
    /// <summary>Members whose birthday ("MM-dd") is one of <paramref name="monthDays"/>.</summary>
    public static async Task<IReadOnlyList<DatedMember>> BirthdaysAsync(DbConnection connection, string tenantId, IReadOnlyCollection<string> monthDays) =>
        (await connection.QueryAsync<DatedMember>(
            $"""
            SELECT member_id, birth_date AS date, time_zone FROM members
            WHERE tenant_id = @tenantId AND erased_at IS NULL AND birth_date IS NOT NULL AND {InList.Sql(connection, "substr(birth_date, 6, 5)", "monthDays")}
            """, new { tenantId, monthDays = monthDays.ToArray() })).ToList();

    /// <summary>Members whose first purchase day (UTC, from the last analytics refresh) falls on one of <paramref name="monthDays"/>.</summary>
    public static async Task<IReadOnlyList<DatedMember>> FirstPurchasesAsync(DbConnection connection, string tenantId, IReadOnlyCollection<string> monthDays) =>
        (await connection.QueryAsync<DatedMember>(
            $"""
            SELECT i.member_id, i.first_purchase AS date, m.time_zone FROM member_insights i
            JOIN members m ON m.tenant_id = i.tenant_id AND m.member_id = i.member_id
            WHERE i.tenant_id = @tenantId AND m.erased_at IS NULL AND {InList.Sql(connection, "substr(i.first_purchase, 6, 5)", "monthDays")}
            """, new { tenantId, monthDays = monthDays.ToArray() })).ToList();

    public static async Task<IReadOnlyList<LapsingMember>> LapsingAsync(DbConnection connection, string tenantId, double? pAliveBelow,
        IReadOnlyCollection<string>? segments) =>
        (await connection.QueryAsync<LapsingMember>(
            $"""
            SELECT member_id, p_alive, rfm_segment AS segment, computed_at FROM member_insights
            WHERE tenant_id = @tenantId AND ({(pAliveBelow is null ? "1 = 0" : "p_alive < @pAliveBelow")}
                  {(segments is null ? "" : "OR " + InList.Sql(connection, "rfm_segment", "segments"))})
            """, new { tenantId, pAliveBelow, segments = segments?.ToArray() })).ToList();

    public static async Task<IReadOnlyList<PendingApology>> PendingApologiesAsync(DbConnection connection, string tenantId, int limit) =>
        (await connection.QueryAsync<PendingApology>(
            $"""
            SELECT s.member_id, s.message_id, s.case_id, c.cause, c.reason, c.ticket_id, c.response_id, c.compensation_granted, s.created_at,
                   coalesce(r.order_id, t.order_id) AS order_id
            FROM service_messages s
            JOIN recovery_cases c ON c.tenant_id = s.tenant_id AND c.case_id = s.case_id
            LEFT JOIN survey_responses r ON r.tenant_id = c.tenant_id AND r.member_id = c.member_id AND r.response_id = c.response_id
            LEFT JOIN tickets t ON t.tenant_id = c.tenant_id AND t.ticket_id = c.ticket_id
            WHERE s.tenant_id = @tenantId AND s.status = 'pending' AND s.kind = 'apology'
            ORDER BY s.created_at LIMIT {limit}
            """, new { tenantId })).ToList();

    /// <summary>The journey engine took the apology: queued for sending, held out, or skipped (the member may not enter).</summary>
    public static Task MarkApologyAsync(WriteScope scope, string tenantId, string memberId, string messageId, string status) =>
        scope.Connection.ExecuteAsync(
            "UPDATE service_messages SET status = @status WHERE tenant_id = @tenantId AND member_id = @memberId AND message_id = @messageId AND status = 'pending'",
            new { status, tenantId, memberId, messageId }, scope.Transaction);
}
