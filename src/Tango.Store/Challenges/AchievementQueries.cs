using System.Data.Common;
using Dapper;
using Tango.Domain.Challenges;
using Tango.Domain.Programs;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Challenges;

/// <summary>A badge a member holds: first earned (by when the completing events happened) and how many times.</summary>
public sealed class BadgeEarned
{
    public string Badge { get; init; } = "";
    public string ChallengeId { get; init; } = "";
    public DateTimeOffset EarnedAt { get; init; }
    public long Times { get; init; }
}

/// <summary>One completed occurrence of a challenge.</summary>
public sealed class CompletionView
{
    public long CompletionId { get; init; }
    public string ChallengeId { get; init; } = "";
    public string Occurrence { get; init; } = "";
    public DateTimeOffset CompletedAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public long Points { get; init; }
    public string? Badge { get; init; }
    public string EventId { get; init; } = "";
}

/// <summary>Where a member stands on one of the program's challenges.</summary>
/// <param name="Status">"not-started", "in-progress", or "completed" (a once challenge, done for good).</param>
public sealed record ChallengeProgress(string Id, string Name, string Kind, string Event, string Repeat, string Status, int Progress, int Target,
    long Completions, DateTimeOffset? LastCompletedAt, ChallengeReward? Reward);

/// <summary>GET /v1/members/{id}/achievements.</summary>
public sealed record Achievements(IReadOnlyList<BadgeEarned> Badges, IReadOnlyList<ChallengeProgress> Challenges,
    IReadOnlyList<CompletionView> Completions);

public sealed class AchievementQueries(Database db)
{
    public const int RecentCompletions = 100;

    /// <summary>Null when the member is unknown or erased.</summary>
    public async Task<Achievements?> ForMemberAsync(string tenantId, string memberId, ProgramDocument program, DateTimeOffset now,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        return member is null || member.ErasedAt is not null ? null : await ReadAsync(connection, tenantId, memberId, program, now);
    }

    internal static async Task<Achievements> ReadAsync(DbConnection connection, string tenantId, string memberId, ProgramDocument program,
        DateTimeOffset now)
    {
        var (badges, completions) = await BadgesAndCompletionsAsync(connection, tenantId, memberId, RecentCompletions);
        var challenges = new List<ChallengeProgress>();
        foreach (var definition in program.Challenges ?? [])
        {
            challenges.Add(await StandingAsync(connection, tenantId, memberId, ChallengeRule.From(definition, program.TimeZone), now));
        }
        return new Achievements(badges, challenges, completions);
    }

    /// <summary>The member's badges, and its completions newest first (at most <paramref name="limit"/>; null: all).</summary>
    internal static async Task<(List<BadgeEarned> Badges, List<CompletionView> Completions)> BadgesAndCompletionsAsync(DbConnection connection,
        string tenantId, string memberId, int? limit)
    {
        var args = new { tenantId, memberId };
        var badges = (await connection.QueryAsync<BadgeEarned>(
            """
            SELECT badge, min(challenge_id) AS challenge_id, min(last_at) AS earned_at, count(*) AS times FROM challenge_completions
            WHERE tenant_id = @tenantId AND member_id = @memberId AND badge IS NOT NULL GROUP BY badge ORDER BY min(last_at), badge
            """, args)).ToList();
        var completions = (await connection.QueryAsync<CompletionView>(
            $"""
            SELECT completion_id, challenge_id, occurrence, last_at AS completed_at, recorded_at, points, badge, event_id FROM challenge_completions
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY completion_id DESC{(limit is null ? "" : $" LIMIT {limit}")}
            """, args)).ToList();
        return (badges, completions);
    }

    private static async Task<ChallengeProgress> StandingAsync(DbConnection connection, string tenantId, string memberId, ChallengeRule rule,
        DateTimeOffset now)
    {
        var since = rule.StandingFrom(now);
        var args = new { tenantId, memberId, challengeId = rule.Id, type = rule.Definition.Event, since, until = now };
        var events = await connection.QueryAsync<DateTimeOffset>(rule.Definition.Event == "purchase"
            ? CompletionSql.OrdersAroundSql
            : """
              SELECT occurred_at FROM events WHERE tenant_id = @tenantId AND member_id = @memberId AND type = @type
                AND occurred_at >= @since AND occurred_at <= @until
              """, args);
        var spans = (await connection.QueryAsync<StoredCompletion>(
            CompletionSql.AroundSql + " AND challenge_id = @challengeId", args)).Select(c => c.Span).ToList();
        var done = await connection.QuerySingleAsync<DoneRow>(
            """
            SELECT count(*) AS count, max(last_at) AS last FROM challenge_completions
            WHERE tenant_id = @tenantId AND member_id = @memberId AND challenge_id = @challengeId
            """, args);
        var standing = ChallengeJudge.Standing(rule, events, now, spans);
        var status = standing.Done ? "completed" : standing.Progress > 0 ? "in-progress" : "not-started";
        var definition = rule.Definition;
        return new ChallengeProgress(rule.Id, definition.Name, rule.Kind, definition.Event, rule.Repeats ? ChallengeRule.Always : ChallengeRule.Once,
            status, standing.Progress, standing.Target, done.Count, done.Last, definition.Reward);
    }

    private sealed class DoneRow
    {
        public long Count { get; init; }
        public DateTimeOffset? Last { get; init; }
    }
}
