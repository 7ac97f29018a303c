using Dapper;
using Tango.Domain.Ledger;
using Tango.Domain.Service;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Service;

/// <summary>
/// Opens service-recovery cases inside the write that found the occasion (the detractor answer, the breach),
/// so the case, its apology and its compensation commit with it or not at all. A unique key on the occasion
/// makes a second report of the same occasion a no-op.
/// </summary>
public sealed class RecoveryCases(ProgramStore programs, TimeProvider clock)
{
    /// <summary>The ledger kind of compensation points.</summary>
    public const string CompensationKind = "compensation";

    public const string ApologyTemplate = "service-recovery-apology";

    /// <returns>The case of this occasion: the new one, or the one opened before.</returns>
    public async Task<string> OpenAsync(WriteScope scope, string tenantId, RecoveryOccasion occasion)
    {
        var now = clock.GetUtcNow();
        var caseId = Ids.New("rcv", clock);
        var opened = await scope.Connection.ExecuteAsync(
            """
            INSERT INTO recovery_cases (tenant_id, case_id, member_id, occasion, cause, reason, ticket_id, response_id, status, created_at)
            VALUES (@tenantId, @caseId, @MemberId, @Key, @Cause, @Reason, @TicketId, @ResponseId, 'open', @now)
            ON CONFLICT (tenant_id, occasion) DO NOTHING
            """,
            new { tenantId, caseId, occasion.MemberId, occasion.Key, occasion.Cause, occasion.Reason, occasion.TicketId, occasion.ResponseId, now },
            scope.Transaction);
        if (opened == 0)
        {
            return await scope.Connection.ExecuteScalarAsync<string>(
                "SELECT case_id FROM recovery_cases WHERE tenant_id = @tenantId AND occasion = @Key",
                new { tenantId, occasion.Key }, scope.Transaction) ?? throw new InvalidOperationException("A conflicting case vanished.");
        }
        var granted = await CompensateAsync(scope, tenantId, caseId, occasion, now);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO service_messages (tenant_id, member_id, message_id, case_id, kind, template, data, status, created_at)
            VALUES (@tenantId, @MemberId, @messageId, @caseId, 'apology', @template, @data, 'pending', @now)
            """,
            new
            {
                tenantId,
                occasion.MemberId,
                messageId = Ids.New("msg", clock),
                caseId,
                template = ApologyTemplate,
                data = StoreJson.Serialize(new { caseId, occasion.Cause, occasion.Reason, occasion.TicketId, occasion.ResponseId, compensationPoints = granted }),
                now,
            }, scope.Transaction);
        return caseId;
    }

    /// <summary>
    /// Grants the program's compensation points through the ledger, capped per member per calendar month
    /// (UTC). The member row is locked first, so two cases of one member never both read the same total.
    /// </summary>
    private async Task<long> CompensateAsync(WriteScope scope, string tenantId, string caseId, RecoveryOccasion occasion, DateTimeOffset now)
    {
        var program = await programs.CurrentAsync(scope, tenantId);
        var policy = program.Document.Service?.Recovery;
        var requested = policy?.CompensationPoints ?? 0;
        if (requested <= 0)
        {
            return 0;
        }
        var member = await MemberSql.LockAsync(scope, tenantId, occasion.MemberId);
        CompensationDecision decision;
        long? lineId = null;
        if (member is null || member.ErasedAt is not null)
        {
            decision = new CompensationDecision(requested, 0, "skipped: the member's data was erased");
        }
        else
        {
            var (start, end) = Compensation.MonthOf(now);
            var already = await scope.Connection.ExecuteScalarAsync<long>(
                """
                SELECT coalesce(sum(compensation_granted), 0) FROM recovery_cases
                WHERE tenant_id = @tenantId AND member_id = @MemberId AND created_at >= @start AND created_at < @end
                """, new { tenantId, occasion.MemberId, start, end }, scope.Transaction);
            decision = Compensation.Decide(requested, policy!.MaxPointsPerMemberPerMonth ?? requested, already);
            if (decision.Granted > 0)
            {
                var expiresAt = Expiry.ExpiresAt(program.Document, now);
                lineId = await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
                {
                    MemberId = occasion.MemberId,
                    At = now,
                    Account = "points",
                    Amount = decision.Granted,
                    Kind = CompensationKind,
                    Reason = "service recovery: " + occasion.Reason + (decision.Note is null ? "" : $" ({decision.Note})"),
                    ProgramVersion = program.Version,
                    ExpiresAt = expiresAt,
                });
                await LedgerWriter.AddLotAsync(scope, tenantId, occasion.MemberId, lineId.Value, null, decision.Granted, member.PointsBalance, expiresAt);
            }
        }
        await scope.Connection.ExecuteAsync(
            """
            UPDATE recovery_cases SET compensation_requested = @Requested, compensation_granted = @Granted,
                compensation_line_id = @lineId, compensation_note = @Note
            WHERE tenant_id = @tenantId AND case_id = @caseId
            """, new { decision.Requested, decision.Granted, lineId, decision.Note, tenantId, caseId }, scope.Transaction);
        return decision.Granted;
    }

    /// <summary>Staff close a case when they have dealt with it (or reopen it), with an optional note.</summary>
    public async Task<StoredResponse> ChangeAsync(WriteScope scope, string tenantId, string caseId, RecoveryChange change)
    {
        var row = await FindAsync(scope, tenantId, caseId, lockRow: true);
        if (row is null)
        {
            return Responses.NotFound($"Recovery case '{caseId}'");
        }
        var status = change.Status is { } s ? ServiceNames.Name(s) : row.Status;
        var closedAt = status == row.Status ? row.ClosedAt : status == "closed" ? clock.GetUtcNow() : null;
        var note = change.NoteSet ? change.Note : row.Note;
        await scope.Connection.ExecuteAsync(
            "UPDATE recovery_cases SET status = @status, closed_at = @closedAt, note = @note WHERE tenant_id = @tenantId AND case_id = @caseId",
            new { status, closedAt, note, tenantId, caseId }, scope.Transaction);
        return Responses.Json(200, (await FindAsync(scope, tenantId, caseId, lockRow: false))!.ToCase());
    }

    private static Task<RecoveryRow?> FindAsync(WriteScope scope, string tenantId, string caseId, bool lockRow) =>
        scope.Connection.QuerySingleOrDefaultAsync<RecoveryRow>(
            RecoveryRow.Select + " WHERE c.tenant_id = @tenantId AND c.case_id = @caseId" + (lockRow ? ForUpdateOfCase(scope.Db) : ""),
            new { tenantId, caseId }, scope.Transaction);

    // PostgreSQL refuses FOR UPDATE on the nullable side of an outer join, so only the case row is locked.
    private static string ForUpdateOfCase(Database db) => db.Kind == StoreKind.Postgres ? " FOR UPDATE OF c" : "";
}
