using Tango.Domain.Purchases;
using Tango.Store.Events;
using Tango.Store.Ledger;

namespace Tango.Store.Challenges;

/// <summary>
/// Challenges on purchases, inside the batched purchase path: <see cref="PurchaseDecision"/> judges them from the
/// member's orders and completions around the purchase (read with the batch's other reads); this records what it
/// completed (the completion, and its points through the ledger in a lot like any credit) and lists what the purchase
/// advanced or completed for the answer.
/// </summary>
internal static class ChallengePurchases
{
    public static void Record(PurchaseWrites writes, PurchaseItem item, PurchaseOutcome outcome, List<AchievementStep> achievements,
        List<BonusReward> rewards)
    {
        var command = item.Command;
        foreach (var progress in outcome.Challenges)
        {
            var step = ChallengeSteps.Take(progress.Rule, progress.Judgement, command.TenantId, command.MemberId, item.EventId, item.Program.Version)!;
            if (step is { Completion: { } completion, Reward: { } reward })
            {
                writes.Completions.Add(completion);
                if (progress.Credit is { } credit)
                {
                    writes.Lines.Add((command.TenantId, ChallengeSteps.Line(progress.Rule, completion, reward.Reason, item.Program.Document, command.OccurredAt),
                        new LotWrite(credit.Points, credit.LotRemaining)));
                }
                rewards.Add(reward);
            }
            achievements.Add(step.Step);
        }
    }
}
