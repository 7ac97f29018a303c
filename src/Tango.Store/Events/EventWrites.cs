using Dapper;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Events;

/// <summary>
/// Writes one event inside a group-commit transaction: the member row is locked first, the event is
/// stored, and its effects (points, wallet, tier) are applied before the same commit.
/// </summary>
public sealed class EventWrites(ProgramStore programs, TimeProvider clock)
{
    public async Task<StoredResponse> WriteAsync(WriteScope scope, EventCommand command)
    {
        var program = await programs.CurrentAsync(scope.Connection, scope.Transaction, command.TenantId);
        var member = await MemberSql.LockAsync(scope, command.TenantId, command.MemberId);
        if (member is { ErasedAt: not null })
        {
            return Responses.Problem(404, "member-erased", "Member erased", $"Member '{command.MemberId}' was erased and takes no more events.");
        }
        if (member is null)
        {
            if (program.Document.AutoEnrol == false)
            {
                return Responses.NotFound($"Member '{command.MemberId}'");
            }
            member = await MemberSql.InsertAsync(scope, command.TenantId,
                new NewMember(command.MemberId, null, null, null, null, null, null, null, new Consent(false, false)), clock.GetUtcNow());
        }

        var eventId = Ids.New("evt", clock);
        if (command.Purchase is { } purchase)
        {
            return await Purchases.WriteAsync(scope, command, purchase, member, program, eventId, clock);
        }
        if (command.Refund is { } refund)
        {
            return await Refunds.WriteAsync(scope, command, refund, member, program, eventId, clock);
        }
        await InsertEventAsync(scope, command, eventId, clock.GetUtcNow());
        return Responses.Json(200, new EventAccepted(eventId, command.Type, command.MemberId));
    }

    internal static Task InsertEventAsync(WriteScope scope, EventCommand command, string eventId, DateTimeOffset receivedAt) =>
        scope.Connection.ExecuteAsync(
            """
            INSERT INTO events (tenant_id, member_id, event_id, type, occurred_at, received_at, data)
            VALUES (@TenantId, @MemberId, @eventId, @Type, @OccurredAt, @receivedAt, @DataJson)
            """,
            new { command.TenantId, command.MemberId, eventId, command.Type, command.OccurredAt, receivedAt, command.DataJson },
            scope.Transaction);
}
