using Tango.Domain.Service;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Service;

/// <summary>Opening and changing tickets, each inside a write transaction and answered as the API answers.</summary>
public sealed class TicketWrites(ProgramStore programs, SlaWatch watch, TimeProvider clock)
{
    public async Task<StoredResponse> CreateAsync(WriteScope scope, string tenantId, NewTicket ticket)
    {
        var member = await MemberSql.FindAsync(scope.Connection, scope.Transaction, tenantId, ticket.MemberId);
        if (member is null || member.ErasedAt is not null)
        {
            return Responses.Problem(404, "not-found", "Not found", $"Member '{ticket.MemberId}' was not found.",
                new Dictionary<string, string[]> { ["memberId"] = ["No such member."] });
        }
        var now = clock.GetUtcNow();
        var targets = await TargetsAsync(scope, tenantId);
        var (firstResponseDue, resolutionDue) = TicketClock.DueTimes(now, targets.For(ticket.Priority));
        var row = new TicketRow
        {
            TenantId = tenantId,
            TicketId = Ids.New("tkt", clock),
            MemberId = ticket.MemberId,
            Subject = ticket.Subject,
            Channel = ServiceNames.Name(ticket.Channel),
            Priority = ServiceNames.Name(ticket.Priority),
            OrderId = ticket.OrderId,
            Status = ServiceNames.Name(TicketStatus.Open),
            CreatedAt = now,
            UpdatedAt = now,
        };
        row.Apply(new TicketClock(firstResponseDue, null, null, resolutionDue, null, null));
        await TicketSql.InsertAsync(scope, row);
        return Responses.Json(201, row.ToTicket());
    }

    /// <summary>
    /// A status change or `responded: true` is the first response, if there was none; a priority change
    /// recomputes both due times from the ticket's opening. A target met late is marked breached here, as
    /// the breach job would have.
    /// </summary>
    public async Task<StoredResponse> PatchAsync(WriteScope scope, string tenantId, string ticketId, TicketPatch patch)
    {
        var row = await TicketSql.LockAsync(scope, tenantId, ticketId);
        if (row is null)
        {
            return Responses.NotFound($"Ticket '{ticketId}'");
        }
        var from = ServiceNames.Parse<TicketStatus>(row.Status);
        var to = patch.Status ?? from;
        if (!TicketTransitions.IsAllowed(from, to))
        {
            var allowed = TicketTransitions.From(from) is { Count: > 0 } next ? string.Join(" or ", next.Select(ServiceNames.Name)) : "nothing: it is final";
            return Responses.Invalid("status", $"The ticket is {ServiceNames.Name(from)}: it cannot become {ServiceNames.Name(to)}, only {allowed}.");
        }
        var now = clock.GetUtcNow();
        var times = row.Clock();
        if (patch.Priority is { } priority && ServiceNames.Name(priority) != row.Priority)
        {
            var (firstResponseDue, resolutionDue) = TicketClock.DueTimes(row.CreatedAt, (await TargetsAsync(scope, tenantId)).For(priority));
            times = times with { FirstResponseDueAt = firstResponseDue, ResolutionDueAt = resolutionDue };
            row.Priority = ServiceNames.Name(priority);
        }
        if (patch.Responded || to != from)
        {
            times = times with { FirstResponseAt = times.FirstResponseAt ?? now };
        }
        if (to != from)
        {
            times = to switch
            {
                TicketStatus.Resolved => times with { ResolvedAt = now },
                TicketStatus.Open or TicketStatus.Pending => times with { ResolvedAt = null },
                _ => times,
            };
            row.ClosedAt = to == TicketStatus.Closed ? now : null;
            row.Status = ServiceNames.Name(to);
        }
        row.Subject = patch.Subject ?? row.Subject;
        row.UpdatedAt = now;
        await watch.ApplyAsync(scope, row, times, now);
        return Responses.Json(200, row.ToTicket());
    }

    private async Task<SlaTargets> TargetsAsync(WriteScope scope, string tenantId) =>
        SlaTargets.Of((await programs.CurrentAsync(scope, tenantId)).Document.Service?.Sla);
}
