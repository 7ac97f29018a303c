using Tango.Domain.Analytics.Cohorts;
using Tango.Domain.Analytics.Kpis;

namespace Tango.Domain.Service;

/// <summary>How many answers gave one score, on one day, through one channel, from members of one tier.</summary>
/// <param name="Channel">The ticket's or purchase's channel; null when unknown.</param>
/// <param name="Tier">The member's tier when answering; null without a tier.</param>
public readonly record struct ScoreCount(SurveyKind Kind, int Score, DateOnly Day, string? Channel, string? Tier, int Count);

/// <summary>NPS answers: % promoters (9–10) − % detractors (0–6), null without answers.</summary>
public sealed record NpsFigures(int Answers, int Promoters, int Passives, int Detractors, double? Score);

/// <summary>CSAT answers: the mean score (1–5) and the share satisfied (4–5) in percent, null without answers.</summary>
public sealed record CsatFigures(int Answers, double? Average, double? SatisfiedPercent);

public sealed record ScoreGroup(string Key, NpsFigures Nps, CsatFigures Csat);

public sealed record ServiceScoreReport(ScoreGroup Overall, IReadOnlyList<ScoreGroup> ByPeriod, IReadOnlyList<ScoreGroup> ByChannel, IReadOnlyList<ScoreGroup> ByTier);

/// <summary>NPS and CSAT over a set of answers: overall, by period, by channel and by tier. Every answer counts.</summary>
public static class ServiceScores
{
    public const string Unknown = "unknown";
    public const string NoTier = "none";

    public static ServiceScoreReport Of(IEnumerable<ScoreCount> counts, CohortPeriod period)
    {
        var overall = new Tally();
        var byPeriod = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var byChannel = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var byTier = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            if (!SurveyScales.IsInRange(count.Kind, count.Score) || count.Count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), $"{count.Kind} answer {count.Score} × {count.Count} is out of range.");
            }
            overall.Add(count);
            Get(byPeriod, PeriodStart(count.Day, period).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Add(count);
            Get(byChannel, count.Channel ?? Unknown).Add(count);
            Get(byTier, count.Tier ?? NoTier).Add(count);
        }
        return new ServiceScoreReport(overall.Group("all"), Groups(byPeriod), Groups(byChannel), Groups(byTier));
    }

    /// <summary>The first day of the calendar month, or the Monday of the ISO week.</summary>
    public static DateOnly PeriodStart(DateOnly day, CohortPeriod period) => period == CohortPeriod.Week
        ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
        : new DateOnly(day.Year, day.Month, 1);

    private static Tally Get(SortedDictionary<string, Tally> groups, string key)
    {
        if (!groups.TryGetValue(key, out var tally))
        {
            groups[key] = tally = new Tally();
        }
        return tally;
    }

    private static List<ScoreGroup> Groups(SortedDictionary<string, Tally> groups) => groups.Select(g => g.Value.Group(g.Key)).ToList();

    private sealed class Tally
    {
        private int _promoters;
        private int _passives;
        private int _detractors;
        private int _csatAnswers;
        private long _csatSum;
        private int _satisfied;

        public void Add(ScoreCount count)
        {
            if (count.Kind == SurveyKind.Nps)
            {
                if (NetPromoterScore.IsPromoter(count.Score))
                {
                    _promoters += count.Count;
                }
                else if (NetPromoterScore.IsDetractor(count.Score))
                {
                    _detractors += count.Count;
                }
                else
                {
                    _passives += count.Count;
                }
                return;
            }
            _csatAnswers += count.Count;
            _csatSum += (long)count.Score * count.Count;
            _satisfied += SurveyScales.IsSatisfied(count.Score) ? count.Count : 0;
        }

        public ScoreGroup Group(string key) => new(key,
            new NpsFigures(_promoters + _passives + _detractors, _promoters, _passives, _detractors,
                NetPromoterScore.Of(_promoters, _passives, _detractors)),
            new CsatFigures(_csatAnswers,
                _csatAnswers == 0 ? null : (double)_csatSum / _csatAnswers,
                _csatAnswers == 0 ? null : 100.0 * _satisfied / _csatAnswers));
    }
}
