using Dapper;
using Tango.Domain.Service;
using Tango.Store.Infrastructure;

namespace Tango.Store.Service;

/// <summary>
/// Finds SLA breaches: tickets whose next due time has come, across tenants, in small batches through the
/// write queue. Each breach is marked once (the mark takes it out of the ticket's next due time) and opens
/// the ticket's service-recovery case in the same transaction. Safe on many nodes: PostgreSQL hands each
/// due ticket to one of them (SKIP LOCKED).
/// </summary>
public sealed class SlaWatch(WriteQueue writes, RecoveryCases recovery, TimeProvider clock)
{
    private const int BatchSize = 100;

    /// <summary>Returns how many tickets had a breach marked.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var marked = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var done = await writes.RunAsync(scope => BatchAsync(scope, now));
            marked += done;
            if (done < BatchSize)
            {
                break;
            }
        }
        return marked;
    }

    private async Task<int> BatchAsync(WriteScope scope, DateTimeOffset now)
    {
        var skipLocked = scope.Db.Kind == StoreKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var due = (await scope.Connection.QueryAsync<TicketRow>(
            $"""
            SELECT {TicketSql.Columns} FROM tickets
            WHERE next_due_at <= @now ORDER BY next_due_at, tenant_id, ticket_id LIMIT {BatchSize}{skipLocked}
            """, new { now }, scope.Transaction)).ToList();
        foreach (var row in due)
        {
            row.UpdatedAt = now;
            await ApplyAsync(scope, row, row.Clock(), now);
        }
        return due.Count;
    }

    /// <summary>
    /// Saves a ticket with its new times, marking the targets breached by <paramref name="now"/>; the first
    /// breach of a ticket opens its recovery case.
    /// </summary>
    internal async Task ApplyAsync(WriteScope scope, TicketRow row, TicketClock times, DateTimeOffset now)
    {
        var breaches = times.NewBreaches(now);
        row.Apply(times.Mark(breaches));
        await TicketSql.UpdateAsync(scope, row);
        if (breaches != SlaBreach.None)
        {
            await recovery.OpenAsync(scope, row.TenantId, new RecoveryOccasion(row.MemberId, "sla:" + row.TicketId, RecoveryCauses.SlaBreach,
                $"ticket {row.TicketId} {Describe(breaches)} breached", TicketId: row.TicketId));
        }
    }

    private static string Describe(SlaBreach breaches) => breaches switch
    {
        SlaBreach.FirstResponse => "first response",
        SlaBreach.Resolution => "resolution",
        _ => "first response and resolution",
    };
}
