using Tango.Domain.Service;

namespace Tango.Store.Service;

/// <summary>A support ticket as the API shows it. Breach instants are the due times that were missed.</summary>
public sealed record Ticket(
    string TicketId,
    string MemberId,
    string Subject,
    TicketChannel Channel,
    TicketPriority Priority,
    string? OrderId,
    TicketStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset FirstResponseDueAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? FirstResponseBreachedAt,
    DateTimeOffset ResolutionDueAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ResolutionBreachedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? NextDueAt)
{
    public bool Breached => FirstResponseBreachedAt is not null || ResolutionBreachedAt is not null;
}

/// <summary>A ticket to open, validated at the edge.</summary>
public sealed record NewTicket(string MemberId, string Subject, TicketChannel Channel, TicketPriority Priority, string? OrderId);

/// <summary>A merge patch, validated at the edge: null leaves a field as it is.</summary>
public sealed record TicketPatch(TicketStatus? Status, TicketPriority? Priority, bool Responded, string? Subject);

/// <summary>The staff view: `?status=&amp;memberId=&amp;breached=&amp;dueWithin=`, ordered by the next due time.</summary>
public sealed record TicketFilter(TicketStatus? Status, string? MemberId, bool? Breached, TimeSpan? DueWithin, int Limit, string? After);

/// <summary>A tickets row; its enums are kept as their API names.</summary>
internal sealed class TicketRow
{
    public string TenantId { get; set; } = "";
    public string TicketId { get; set; } = "";
    public string MemberId { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Priority { get; set; } = "";
    public string? OrderId { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset FirstResponseDueAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? FirstResponseBreachedAt { get; set; }
    public DateTimeOffset ResolutionDueAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ResolutionBreachedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }

    public TicketClock Clock() =>
        new(FirstResponseDueAt, FirstResponseAt, FirstResponseBreachedAt, ResolutionDueAt, ResolvedAt, ResolutionBreachedAt);

    /// <summary>Takes the clock's times, and the next due time that follows from them.</summary>
    public void Apply(TicketClock clock)
    {
        FirstResponseDueAt = clock.FirstResponseDueAt;
        FirstResponseAt = clock.FirstResponseAt;
        FirstResponseBreachedAt = clock.FirstResponseBreachedAt;
        ResolutionDueAt = clock.ResolutionDueAt;
        ResolvedAt = clock.ResolvedAt;
        ResolutionBreachedAt = clock.ResolutionBreachedAt;
        NextDueAt = clock.NextDueAt;
    }

    public Ticket ToTicket() => new(TicketId, MemberId, Subject, ServiceNames.Parse<TicketChannel>(Channel),
        ServiceNames.Parse<TicketPriority>(Priority), OrderId, ServiceNames.Parse<TicketStatus>(Status), CreatedAt, UpdatedAt,
        FirstResponseDueAt, FirstResponseAt, FirstResponseBreachedAt, ResolutionDueAt, ResolvedAt, ResolutionBreachedAt, ClosedAt, NextDueAt);
}
