using Tango.Domain.Challenges;
using Tango.Store.Events;

namespace Tango.Store.Challenges;

/// <summary>What one event did to one challenge: the step for the answer and, when it completed one, the completion and its reward.</summary>
internal sealed record ChallengeStep(AchievementStep Step, CompletionWrite? Completion, BonusReward? Reward);

/// <summary>Turns a judgement into what both event paths (purchases in a batch, other events one by one) record and answer.</summary>
internal static class ChallengeSteps
{
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
