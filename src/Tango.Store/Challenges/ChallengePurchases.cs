using Tango.Store.Events;
using Tango.Store.Infrastructure;
using Tango.Store.Members;

namespace Tango.Store.Challenges;

/// <summary>
/// Challenges on purchases, inside the batched purchase path. A purchase reads the member's orders around it (not
/// fully refunded; see <see cref="ChallengeRules.Horizon"/>) and the completions whose spans reach into that time,
/// with the batch's other reads; the judge decides from when things happened; completions and their points are
/// written with the batch's other rows. On PostgreSQL that is two more set-based statements in the read round trip
/// and one in the write round trip, and only when the program has challenges on purchases.
/// </summary>
internal static class ChallengePurchases
{
    public static bool Wants(PurchaseItem item) => item.PurchaseChallenges.Count > 0;

    public static (DateTimeOffset From, DateTimeOffset To) Horizon(PurchaseItem item) =>
        ChallengeRules.Horizon(item.PurchaseChallenges, item.Command.OccurredAt);

    /// <summary>The orders around each purchase (by its place n in the arrays).</summary>
    public const string OrdersSetSql = """
        SELECT k.n, o.occurred_at
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(id, since, until, n)
        JOIN orders o ON o.tenant_id = $1 AND o.member_id = k.id AND o.occurred_at >= k.since AND o.occurred_at <= k.until
                     AND o.refunded_minor < o.total_minor
        """;

    /// <summary>The completions that bear on each purchase: every once-completion, and the spans that reach into its horizon.</summary>
    public const string CompletionsSetSql = """
        SELECT k.n, c.challenge_id, c.occurrence, c.first_at, c.last_at
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(id, since, until, n)
        JOIN challenge_completions c ON c.tenant_id = $1 AND c.member_id = k.id
                                     AND (c.occurrence = 'once' OR (c.last_at >= k.since AND c.first_at <= k.until))
        """;

    /// <summary>SQLite: the same reads for one purchase.</summary>
    public static async Task<PurchaseRead> ReadEachAsync(WriteScope scope, PurchaseItem item, PurchaseRead read)
    {
        if (!Wants(item))
        {
            return read;
        }
        var (since, until) = Horizon(item);
        KeyValuePair<string, object?>[] args =
            [new("tenantId", item.Command.TenantId), new("memberId", item.Command.MemberId), new("since", since), new("until", until)];
        var orders = await SqliteStatements.QueryAsync<DateTimeOffset>(scope, CompletionSql.OrdersAroundSql, args);
        var completions = await SqliteStatements.QueryAsync<StoredCompletion>(scope, CompletionSql.AroundSql, args);
        return read with { ChallengeEvents = orders, Completions = completions };
    }

    /// <summary>
    /// Judges every purchase challenge for this purchase: records what it completed (points through the ledger,
    /// a lot like any credit) and lists what it advanced or completed for the answer.
    /// </summary>
    public static void Plan(PurchaseWrites writes, BatchState state, PurchaseItem item, PurchaseRead read, MemberRow after,
        List<object> achievements, List<BonusReward> rewards)
    {
        var rules = item.PurchaseChallenges;
        if (rules.Count == 0)
        {
            return;
        }
        var command = item.Command;
        var at = command.OccurredAt;
        var others = read.ChallengeEvents.Concat(state.OrdersOf(command.TenantId, command.MemberId)).ToList();
        var completions = read.Completions.Concat(state.CompletionsOf(command.TenantId, command.MemberId)).ToList();
        foreach (var (rule, step) in ChallengeSteps.Judge(rules, others, completions, at, command.TenantId, command.MemberId, item.EventId,
                     item.Program.Version))
        {
            if (step is { Completion: { } completion, Reward: { } reward })
            {
                writes.Completions.Add(completion);
                state.Complete(command.TenantId, command.MemberId,
                    new StoredCompletion { ChallengeId = rule.Id, Occurrence = completion.Occurrence, FirstAt = completion.FirstAt, LastAt = completion.LastAt });
                if (completion.Points > 0)
                {
                    writes.Credit(command.TenantId, after, ChallengeSteps.Line(rule, completion, reward.Reason, item.Program.Document, at));
                }
                rewards.Add(reward);
            }
            achievements.Add(step.Step);
        }
    }
}
