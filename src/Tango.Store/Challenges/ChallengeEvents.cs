using Dapper;
using Tango.Domain.Challenges;
using Tango.Domain.Ledger;
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
    public static async Task<(List<object> Achievements, List<BonusReward> Rewards)> ApplyAsync(WriteScope scope, EventCommand command,
        MemberRow member, ProgramVersion program, string eventId, DateTimeOffset now)
    {
        var achievements = new List<object>();
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
        var completions = (await scope.Connection.QueryAsync<StoredCompletion>(ChallengePurchases.CompletionsSql, args, scope.Transaction)).ToList();
        var balance = member.PointsBalance;
        foreach (var rule in rules)
        {
            var judged = ChallengeJudge.Judge(rule, others, at, completions.Where(c => c.ChallengeId == rule.Id).Select(c => c.Span).ToList());
            if (ChallengeSteps.Take(rule, judged, command.TenantId, member.MemberId, eventId, program.Version) is not { } step)
            {
                continue;
            }
            if (step is { Completion: { } completion, Reward: { } reward })
            {
                await scope.Connection.ExecuteAsync(CompletionSql.InsertSql, CompletionSql.Args(completion, now), scope.Transaction);
                await Events.PurchaseAnnouncements.ChallengeCompleted(scope, completion, now);
                if (completion.Points > 0)
                {
                    await CreditAsync(scope, command.TenantId, member.MemberId, rule, program, eventId, at, completion.Points, reward.Reason, balance);
                    balance = checked(balance + completion.Points);
                }
                rewards.Add(reward);
            }
            achievements.Add(step.Step);
        }
        return (achievements, rewards);
    }

    private static async Task CreditAsync(WriteScope scope, string tenantId, string memberId, ChallengeRule rule, ProgramVersion program,
        string eventId, DateTimeOffset at, long points, string reason, long balanceBefore)
    {
        var expiresAt = Expiry.ExpiresAt(program.Document, at);
        var lineId = await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = memberId,
            At = at,
            Account = "points",
            Amount = points,
            Kind = CompletionSql.LineKind,
            Reason = reason,
            RuleId = rule.Id,
            ProgramVersion = program.Version,
            EventId = eventId,
            ExpiresAt = expiresAt,
        });
        await LedgerWriter.AddLotAsync(scope, tenantId, memberId, lineId, null, points, balanceBefore, expiresAt);
    }
}
