using Tango.Domain.Challenges;
using Tango.Store.Infrastructure;

namespace Tango.Store.Challenges;

/// <summary>A challenge an event moved, as the purchase (or other event) answer lists it.</summary>
/// <param name="Status">"advanced", or "completed" when this event completed an occurrence.</param>
public sealed record AchievementStep(string ChallengeId, string Name, string Kind, string Status, int Progress, int Target,
    long? Points, string? Badge);

/// <summary>A completion as stored: which occurrence, and the span of event time it used up.</summary>
internal sealed class StoredCompletion
{
    public string ChallengeId { get; init; } = "";
    public string Occurrence { get; init; } = "";
    public DateTimeOffset FirstAt { get; init; }
    public DateTimeOffset LastAt { get; init; }

    public CompletedSpan Span => new(FirstAt, LastAt);
}

/// <summary>A completion to record, with the reward it paid.</summary>
internal sealed record CompletionWrite(string TenantId, string MemberId, string ChallengeId, string Occurrence, string Kind,
    DateTimeOffset FirstAt, DateTimeOffset LastAt, long Points, string? Badge, string EventId, int ProgramVersion);

/// <summary>The SQL every path that records completions shares.</summary>
internal static class CompletionSql
{
    /// <summary>A once challenge has one occurrence; a repeating one is keyed by the event that completed it.</summary>
    public static string Occurrence(ChallengeRule rule, string eventId) => rule.Repeats ? eventId : ChallengeRule.Once;

    /// <summary>The completions that bear on an event between @since and @until: every once-completion, and the spans that reach in.</summary>
    public const string AroundSql = """
        SELECT challenge_id, occurrence, first_at, last_at FROM challenge_completions
        WHERE tenant_id = @tenantId AND member_id = @memberId AND (occurrence = 'once' OR (last_at >= @since AND first_at <= @until))
        """;

    /// <summary>The member's purchases between @since and @until that still count (not refunded in full).</summary>
    public const string OrdersAroundSql = """
        SELECT occurred_at FROM orders
        WHERE tenant_id = @tenantId AND member_id = @memberId AND occurred_at >= @since AND occurred_at <= @until
          AND refunded_minor < total_minor
        """;

    public const string InsertSql = """
        INSERT INTO challenge_completions (tenant_id, member_id, challenge_id, occurrence, kind, first_at, last_at, points, badge,
                                           event_id, program_version, recorded_at)
        VALUES (@TenantId, @MemberId, @ChallengeId, @Occurrence, @Kind, @FirstAt, @LastAt, @Points, @Badge, @EventId, @ProgramVersion, @now)
        """;

    public static object Args(CompletionWrite c, DateTimeOffset now) => new
    {
        c.TenantId,
        c.MemberId,
        c.ChallengeId,
        c.Occurrence,
        c.Kind,
        c.FirstAt,
        c.LastAt,
        c.Points,
        c.Badge,
        c.EventId,
        c.ProgramVersion,
        now,
    };

    private const string InsertSetSql = """
        INSERT INTO challenge_completions (tenant_id, member_id, challenge_id, occurrence, kind, first_at, last_at, points, badge,
                                           event_id, program_version, recorded_at)
        SELECT t, m, c, o, k, f, l, p, b, e, v, $12
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::bigint[],
                    $9::text[], $10::text[], $11::integer[]) AS u(t, m, c, o, k, f, l, p, b, e, v)
        """;

    /// <summary>PostgreSQL: a batch's completions in one statement.</summary>
    public static void AddSetStatement(SqlBatch batch, IReadOnlyList<CompletionWrite> completions, DateTimeOffset now)
    {
        if (completions.Count == 0)
        {
            return;
        }
        batch.Add(InsertSetSql,
            SqlBatch.Text(completions.Select(c => c.TenantId)), SqlBatch.Text(completions.Select(c => c.MemberId)),
            SqlBatch.Text(completions.Select(c => c.ChallengeId)), SqlBatch.Text(completions.Select(c => c.Occurrence)),
            SqlBatch.Text(completions.Select(c => c.Kind)), SqlBatch.Instants(completions.Select(c => c.FirstAt)),
            SqlBatch.Instants(completions.Select(c => c.LastAt)), SqlBatch.Bigint(completions.Select(c => c.Points)),
            SqlBatch.Text(completions.Select(c => c.Badge)), SqlBatch.Text(completions.Select(c => c.EventId)),
            SqlBatch.Integer(completions.Select(c => (int?)c.ProgramVersion)), SqlBatch.Instant(now));
    }

    public const string LineKind = "challenge";

    public static string Reason(ChallengeRule rule, long points, string? badge)
    {
        var name = string.IsNullOrEmpty(rule.Definition.Name) ? rule.Id : rule.Definition.Name;
        var what = rule.IsStreak
            ? $"{rule.Periods} periods of {rule.PeriodDays} days in a row with {rule.Count} × {rule.Definition.Event}"
            : $"{rule.Count} × {rule.Definition.Event} within {rule.Window.TotalDays:0} days";
        return $"challenge {rule.Id} completed ({name}: {what}): {points} points" + (badge is null ? "" : $" and badge {badge}");
    }
}
