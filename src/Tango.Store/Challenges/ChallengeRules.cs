using System.Runtime.CompilerServices;
using Tango.Domain.Challenges;
using Tango.Domain.Programs;

namespace Tango.Store.Challenges;

/// <summary>
/// The challenges of a program that an event type drives, worked out once per program version: the store keeps
/// one parsed document per version, so the document itself is the cache key.
/// </summary>
internal static class ChallengeRules
{
    private static readonly ConditionalWeakTable<ProgramDocument, Dictionary<string, IReadOnlyList<ChallengeRule>>> s_rules = new();

    public static IReadOnlyList<ChallengeRule> For(ProgramDocument program, string eventType)
    {
        if (program.Challenges is not { Count: > 0 })
        {
            return [];
        }
        var byType = s_rules.GetValue(program, _ => []);
        lock (byType)
        {
            if (!byType.TryGetValue(eventType, out var rules))
            {
                byType[eventType] = rules = ChallengeRule.For(program, eventType);
            }
            return rules;
        }
    }

    /// <summary>The events that can matter to any of the rules for an event at <paramref name="at"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Horizon(IReadOnlyList<ChallengeRule> rules, DateTimeOffset at)
    {
        var from = at;
        var to = at;
        foreach (var rule in rules)
        {
            var (f, t) = rule.Horizon(at);
            from = f < from ? f : from;
            to = t > to ? t : to;
        }
        return (from, to);
    }
}
