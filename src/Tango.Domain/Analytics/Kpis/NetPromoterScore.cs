namespace Tango.Domain.Analytics.Kpis;

/// <summary>Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to 100.</summary>
public static class NetPromoterScore
{
    /// <returns>Null when there are no answers.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An answer is outside 0–10.</exception>
    public static double? Of(ReadOnlySpan<int> scores)
    {
        int promoters = 0, detractors = 0;
        foreach (var score in scores)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(score, nameof(scores));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 10, nameof(scores));
            if (score >= 9)
            {
                promoters++;
            }
            else if (score <= 6)
            {
                detractors++;
            }
        }

        return Of(promoters, scores.Length - promoters - detractors, detractors);
    }

    /// <summary>From counts, for callers that tally answers in SQL.</summary>
    public static double? Of(int promoters, int passives, int detractors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(passives);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        var answers = (long)promoters + passives + detractors;
        return answers == 0 ? null : 100.0 * (promoters - detractors) / answers;
    }

    public static bool IsPromoter(int score) => score is >= 9 and <= 10;

    public static bool IsDetractor(int score) => score is >= 0 and <= 6;
}
