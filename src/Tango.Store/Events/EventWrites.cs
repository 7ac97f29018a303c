using Dapper;
using Tango.Domain.Purchases;
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
    /// <param name="key">The request's Idempotency-Key: the event is applied at most once per key.</param>
    public async Task<StoredResponse> WriteAsync(WriteScope scope, EventCommand command, IdempotencyKey? key = null)
    {
        if (command.Purchase is not null)
        {
            // A purchase is a run of one on the batched path, which mints its own event id.
            return (await Purchases.RunManyAsync(scope, [new PurchaseInput(command, key)], programs, clock))[0];
        }
        var program = await programs.CurrentAsync(scope, command.TenantId);
        var eventId = Ids.New("evt", clock);
        return await IdempotentWrite.RunAsync(scope, key, () => WriteOtherAsync(scope, command, program, eventId));
    }

    private async Task<StoredResponse> WriteOtherAsync(WriteScope scope, EventCommand command, ProgramVersion program, string eventId)
    {
        var member = await MemberSql.LockAsync(scope, command.TenantId, command.MemberId);
        if (Refuse(member, command, program) is { } refused)
        {
            return refused;
        }
        if (member is null && command.Refund is { } orphan)
        {
            // A refund needs an order of this member, so an unknown member is an error, not an enrolment.
            return Responses.Problem(404, "order-not-found", "Order not found",
                $"Member '{command.MemberId}' has no order '{orphan.OrderId}'.",
                new Dictionary<string, string[]> { ["data.orderId"] = ["No such order for this member."] });
        }
        member ??= await EnrolAsync(scope, command, clock);
        if (command.Refund is { } refund)
        {
            return await Refunds.WriteAsync(scope, command, refund, member, program, eventId, clock);
        }
        var now = clock.GetUtcNow();
        await InsertEventAsync(scope, command, eventId, now);
        var (achievements, rewards) = await Challenges.ChallengeEvents.ApplyAsync(scope, command, member, program, eventId, now);
        return Responses.Json(200, new EventAccepted(eventId, command.Type, command.MemberId, achievements, rewards));
    }

    /// <summary>Erased members take no events; unknown ones are enrolled unless the program says autoEnrol: false.</summary>
    internal static StoredResponse? Refuse(MemberRow? member, EventCommand command, ProgramVersion program) => member switch
    {
        { ErasedAt: not null } => Refusal(PurchaseRefusal.MemberErased, command),
        null when program.Document.AutoEnrol == false => Refusal(PurchaseRefusal.MemberUnknown, command),
        _ => null,
    };

    internal static StoredResponse Refusal(PurchaseRefusal refusal, EventCommand command) => refusal switch
    {
        PurchaseRefusal.MemberErased => Responses.Problem(404, "member-erased", "Member erased",
            $"Member '{command.MemberId}' was erased and takes no more events."),
        _ => Responses.NotFound($"Member '{command.MemberId}'"),
    };

    /// <summary>
    /// Enrols a member first seen in an event. ON CONFLICT covers another node enrolling the same
    /// member at the same moment: both then lock the one row.
    /// </summary>
    internal static async Task<MemberRow> EnrolAsync(WriteScope scope, EventCommand command, TimeProvider clock)
    {
        await scope.Connection.ExecuteAsync(MemberSql.EnrolSql,
            new DynamicParameters(MemberSql.EnrolArgs(command.TenantId, command.MemberId, clock.GetUtcNow())), scope.Transaction);
        return (await MemberSql.LockAsync(scope, command.TenantId, command.MemberId))!;
    }

    internal const string InsertEventSql = """
        INSERT INTO events (tenant_id, member_id, event_id, type, occurred_at, received_at, data)
        VALUES (@tenantId, @memberId, @eventId, @type, @occurredAt, @receivedAt, @data)
        """;

    internal static Dictionary<string, object?> EventArgs(EventCommand command, string eventId, DateTimeOffset receivedAt) => new()
    {
        ["tenantId"] = command.TenantId,
        ["memberId"] = command.MemberId,
        ["eventId"] = eventId,
        ["type"] = command.Type,
        ["occurredAt"] = command.OccurredAt,
        ["receivedAt"] = receivedAt,
        ["data"] = command.DataJson,
    };

    internal static Task InsertEventAsync(WriteScope scope, EventCommand command, string eventId, DateTimeOffset receivedAt) =>
        scope.Connection.ExecuteAsync(InsertEventSql, new DynamicParameters(EventArgs(command, eventId, receivedAt)), scope.Transaction);
}
