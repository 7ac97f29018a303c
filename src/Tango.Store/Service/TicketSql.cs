using System.Data.Common;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Service;

/// <summary>Ticket rows inside and outside a write.</summary>
internal static class TicketSql
{
    public const string Columns = """
        tenant_id, ticket_id, member_id, subject, channel, priority, order_id, status, created_at, updated_at,
        first_response_due_at, first_response_at, first_response_breached_at, resolution_due_at, resolved_at,
        resolution_breached_at, closed_at, next_due_at
        """;

    public static Task<TicketRow?> FindAsync(DbConnection connection, DbTransaction? tx, string tenantId, string ticketId) =>
        connection.QuerySingleOrDefaultAsync<TicketRow>(
            $"SELECT {Columns} FROM tickets WHERE tenant_id = @tenantId AND ticket_id = @ticketId", new { tenantId, ticketId }, tx);

    /// <summary>Reads and row-locks the ticket (PostgreSQL); SQLite's write lock already covers it.</summary>
    public static Task<TicketRow?> LockAsync(WriteScope scope, string tenantId, string ticketId) =>
        scope.Connection.QuerySingleOrDefaultAsync<TicketRow>(
            $"SELECT {Columns} FROM tickets WHERE tenant_id = @tenantId AND ticket_id = @ticketId{scope.Db.ForUpdate}",
            new { tenantId, ticketId }, scope.Transaction);

    public static Task InsertAsync(WriteScope scope, TicketRow row) =>
        scope.Connection.ExecuteAsync(
            $"""
            INSERT INTO tickets ({Columns})
            VALUES (@TenantId, @TicketId, @MemberId, @Subject, @Channel, @Priority, @OrderId, @Status, @CreatedAt, @UpdatedAt,
                    @FirstResponseDueAt, @FirstResponseAt, @FirstResponseBreachedAt, @ResolutionDueAt, @ResolvedAt,
                    @ResolutionBreachedAt, @ClosedAt, @NextDueAt)
            """, row, scope.Transaction);

    /// <summary>Writes back every field a ticket's life can change.</summary>
    public static Task UpdateAsync(WriteScope scope, TicketRow row) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE tickets SET subject = @Subject, priority = @Priority, status = @Status, updated_at = @UpdatedAt,
                first_response_due_at = @FirstResponseDueAt, first_response_at = @FirstResponseAt,
                first_response_breached_at = @FirstResponseBreachedAt, resolution_due_at = @ResolutionDueAt,
                resolved_at = @ResolvedAt, resolution_breached_at = @ResolutionBreachedAt, closed_at = @ClosedAt,
                next_due_at = @NextDueAt
            WHERE tenant_id = @TenantId AND ticket_id = @TicketId
            """, row, scope.Transaction);
}
