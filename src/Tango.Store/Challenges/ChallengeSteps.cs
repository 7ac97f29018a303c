using Tango.Domain.Challenges;
using Tango.Domain.Ledger;
using Tango.Domain.Programs;
using Tango.Store.Events;
using Tango.Store.Ledger;

namespace Tango.Store.Challenges;

/// <summary>What one event did to one challenge: the step for the answer and, when it completed one, the completion and its reward.</summary>
internal sealed record ChallengeStep(AchievementStep Step, CompletionWrite? Completion, BonusReward? Reward);

/// <summary>Turns a judgement into what both event paths (purchases in a batch, other events one by one) record and answer.</summary>
internal static class ChallengeSteps
{
    /// <summary>
    /// Judges every rule for one event from the member's other qualifying events and stored completions (both read before
    /// the loop), and yields the step of each rule the event counts for.
    /// </summary>
    public static IEnumerable<(ChallengeRule Rule, ChallengeStep Step)> Judge(IReadOnlyList<ChallengeRule> rules,
        IReadOnlyList<DateTimeOffset> others, IReadOnlyList<StoredCompletion> completions, DateTimeOffset at, string tenantId,
        string memberId, string eventId, int programVersion)
    {
        foreach (var rule in rules)
        {
            var spans = completions.Where(c => c.ChallengeId == rule.Id).Select(c => c.Span).ToList();
            if (Take(rule, ChallengeJudge.Judge(rule, others, at, spans), tenantId, memberId, eventId, programVersion) is { } step)
            {
                yield return (rule, step);
            }
        }
    }

    /// <summary>The ledger line that pays a completion's points (its lot expires as the program's points do).</summary>
    public static LedgerLine Line(ChallengeRule rule, CompletionWrite completion, string reason, ProgramDocument program, DateTimeOffset at) => new()
    {
        MemberId = completion.MemberId,
        At = at,
        Account = "points",
        Amount = completion.Points,
        Kind = CompletionSql.LineKind,
        Reason = reason,
        RuleId = rule.Id,
        ProgramVersion = completion.ProgramVersion,
        EventId = completion.EventId,
        ExpiresAt = Expiry.ExpiresAt(program, at),
    };

    /// <returns>Null when the event does not count for the challenge.</returns>
    public static ChallengeStep? Take(ChallengeRule rule, ChallengeJudgement judged, string tenantId, string memberId, string eventId,
        int programVersion)
    {
        if (!judged.Counted)
        {
            return null;
        }
        var name = rule.Definition.Name;
        if (judged.Completed is not { } span)
        {
            return new(new AchievementStep(rule.Id, name, rule.Kind, "advanced", judged.Progress, judged.Target, null, null), null, null);
        }
        var points = rule.Definition.Reward?.Points ?? 0;
        var badge = rule.Definition.Reward?.Badge;
        var completion = new CompletionWrite(tenantId, memberId, rule.Id, CompletionSql.Occurrence(rule, eventId), rule.Kind,
            span.From, span.To, points, badge, eventId, programVersion);
        return new(new AchievementStep(rule.Id, name, rule.Kind, "completed", judged.Target, judged.Target, points, badge), completion,
            new BonusReward("challenge", rule.Id, points, badge, CompletionSql.Reason(rule, points, badge)));
    }
}
