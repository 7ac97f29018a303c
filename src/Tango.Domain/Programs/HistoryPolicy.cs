namespace Tango.Domain.Programs;

/// <summary>
/// When an event is history rather than news: it happened more than <see cref="AfterDays"/> days before it reached
/// Tango (an import of old invoices, a batch that arrives late). History earns points and counts toward tiers,
/// challenges and analytics like any event, but nothing aimed at the member now comes of it: no surprise, no journey,
/// no webhook that congratulates, and it moves a tier only as far as today's window qualifies the member.
/// </summary>
public sealed record HistoryPolicy
{
    public const int DefaultAfterDays = 7;

    public static HistoryPolicy Default { get; } = new();

    /// <summary>Days after which an event that occurred that long before it was received is history (1–3650).</summary>
    public int AfterDays { get; init; } = DefaultAfterDays;

    /// <summary>The program's policy, or the default of 7 days.</summary>
    public static HistoryPolicy Of(ProgramDocument program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.History ?? Default;
    }

    /// <summary>Whether an event that occurred at <paramref name="occurredAt"/> and arrived at <paramref name="receivedAt"/> is history.</summary>
    public bool IsHistory(DateTimeOffset occurredAt, DateTimeOffset receivedAt) => receivedAt - occurredAt > TimeSpan.FromDays(AfterDays);
}
