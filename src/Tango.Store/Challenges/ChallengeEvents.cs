using Dapper;
using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Challenges;

/// <summary>
/// Challenges on events other than purchases (custom.*, cart and product events), in the write that stores the
/// event: the member's events of that type around it are read back from the events table, judged by when they
/// happened, and a completion is recorded (once per occurrence, by its unique key) with its points in the ledger.
/// </summary>
internal static class ChallengeEvents
{
    private const string EventsSql = """
        SELECT occurred_at FROM events
        WHERE tenant_id = @tenantId AND member_id = @memberId AND type = @type AND occurred_at >= @since AND occurred_at <= @until
          AND event_id <> @eventId
        """;

    /// <summary>Runs after the event is stored, with the member row locked.</summary>
    public static async Task<(List<AchievementStep> Achievements, List<BonusReward> Rewards)> ApplyAsync(WriteScope scope, EventCommand command,
        MemberRow member, ProgramVersion program, string eventId, DateTimeOffset now)
    {
        var achievements = new List<AchievementStep>();
        var rewards = new List<BonusReward>();
        var rules = ChallengeRules.For(program.Document, command.Type);
        if (rules.Count == 0)
        {
            return (achievements, rewards);
        }
        var at = command.OccurredAt;
        var (since, until) = ChallengeRules.Horizon(rules, at);
        var args = new { tenantId = command.TenantId, memberId = member.MemberId, type = command.Type, since, until, eventId };
        var others = (await scope.Connection.QueryAsync<DateTimeOffset>(EventsSql, args, scope.Transaction)).ToList();
        var completions = (await scope.Connection.QueryAsync<StoredCompletion>(CompletionSql.AroundSql, args, scope.Transaction)).ToList();
        var balance = member.PointsBalance;
        // History (an old event arriving now) completes challenges as any event does, but is not announced as news.
        var announce = !Domain.Programs.HistoryPolicy.Of(program.Document).IsHistory(at, now);
        foreach (var (rule, step) in ChallengeSteps.Judge(rules, others, completions, at, command.TenantId, member.MemberId, eventId, program.Version))
        {
            if (step is { Completion: { } completion, Reward: { } reward })
            {
                await scope.Connection.ExecuteAsync(CompletionSql.InsertSql, CompletionSql.Args(completion, now), scope.Transaction);
                if (announce)
                {
                    await Events.PurchaseAnnouncements.ChallengeCompleted(scope, completion, now);
                }
                if (completion.Points > 0)
                {
                    var line = ChallengeSteps.Line(rule, completion, reward.Reason, program.Document, at);
                    var lineId = await LedgerWriter.AppendAsync(scope, command.TenantId, line);
                    await LedgerWriter.AddLotAsync(scope, command.TenantId, member.MemberId, lineId, null, line.Amount, balance, line.ExpiresAt);
                    balance = checked(balance + completion.Points);
                }
                rewards.Add(reward);
            }
            achievements.Add(step.Step);
        }
        return (achievements, rewards);
    }
}
