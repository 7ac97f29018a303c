using System.Globalization;
using System.Text.RegularExpressions;
using Tango.Domain.Programs;
using Tango.Web.Shared;

namespace Tango.Web.Admin;

/// <summary>
/// The program editor's form: every number as the text the user typed (so a bad value comes back as typed, with its
/// message), the rows of each list, and for each row the index of the item it edits in the current document (so
/// fields the form does not show are kept as they were). Field names follow the document's JSON paths.
/// </summary>
public sealed partial class ProgramForm
{
    public string? Key { get; set; }
    public int Version { get; set; }
    public string? Action { get; set; }
    public string? PointsPerUnit { get; set; }
    public string? ExpiryMonths { get; set; }
    public List<RuleRow> Rules { get; set; } = [];
    public List<TierRow> Tiers { get; set; } = [];
    public List<RewardRow> Rewards { get; set; } = [];
    public List<ChallengeRow> Challenges { get; set; } = [];

    public sealed class RuleRow
    {
        public int Origin { get; set; } = -1;
        public bool Remove { get; set; }
        public string? Id { get; set; }
        public string? Categories { get; set; }
        public string? Skus { get; set; }
        public string? Channels { get; set; }
        public string? DaysOfWeek { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public string? MinTotal { get; set; }
        public string? Multiplier { get; set; }
        public string? BonusPoints { get; set; }
        public string? MaxPointsPerOrder { get; set; }
        public string? Priority { get; set; }
        public bool Stop { get; set; }

        public bool Blank => Origin < 0 && new[] { Id, Categories, Skus, Channels, DaysOfWeek, From, To, MinTotal, Multiplier, BonusPoints, MaxPointsPerOrder, Priority }
            .All(string.IsNullOrWhiteSpace);
    }

    public sealed class TierRow
    {
        public int Origin { get; set; } = -1;
        public bool Remove { get; set; }
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? MinSpend { get; set; }
        public string? MinPoints { get; set; }
        public string? MinPurchases { get; set; }
        public string? Multiplier { get; set; }

        public bool Blank => Origin < 0 && new[] { Id, Name, MinSpend, MinPoints, MinPurchases, Multiplier }.All(string.IsNullOrWhiteSpace);
    }

    public sealed class RewardRow
    {
        public int Origin { get; set; } = -1;
        public bool Remove { get; set; }
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? CostPoints { get; set; }
        public string? Stock { get; set; }
        public string? DiscountAmount { get; set; }
        public string? DiscountPercent { get; set; }
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public string? Tiers { get; set; }
        public bool Portable { get; set; }

        public bool Blank => Origin < 0 && new[] { Id, Name, CostPoints, Stock, DiscountAmount, DiscountPercent, ValidFrom, ValidTo, Tiers }
            .All(string.IsNullOrWhiteSpace);
    }

    public sealed class ChallengeRow
    {
        public int Origin { get; set; } = -1;
        public bool Remove { get; set; }
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Event { get; set; }
        public string? Count { get; set; }
        public string? WindowDays { get; set; }
        public string? RewardPoints { get; set; }
        public string? RewardBadge { get; set; }

        public bool Blank => Origin < 0 && new[] { Id, Name, Event, Count, WindowDays, RewardPoints, RewardBadge }.All(string.IsNullOrWhiteSpace);
    }

    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    /// <summary>The form for a document, with one empty row at the end of each list for adding one.</summary>
    public static ProgramForm Of(ProgramDocument doc, int version)
    {
        var form = new ProgramForm
        {
            Version = version,
            PointsPerUnit = doc.Earning.PointsPerUnit.ToString(s_c),
            ExpiryMonths = doc.Expiry?.Months.ToString(s_c),
            Rules = [.. (doc.Earning.Rules ?? []).Select((r, i) => new RuleRow
            {
                Origin = i,
                Id = r.Id,
                Categories = Join(r.When?.Categories),
                Skus = Join(r.When?.Skus),
                Channels = Join(r.When?.Channels),
                DaysOfWeek = Join(r.When?.DaysOfWeek),
                From = r.When?.From?.ToString("yyyy-MM-dd", s_c),
                To = r.When?.To?.ToString("yyyy-MM-dd", s_c),
                MinTotal = r.When?.MinTotal?.ToString(s_c),
                Multiplier = r.Multiplier?.ToString(s_c),
                BonusPoints = r.BonusPoints?.ToString(s_c),
                MaxPointsPerOrder = r.MaxPointsPerOrder?.ToString(s_c),
                Priority = r.Priority?.ToString(s_c),
                Stop = r.Stop == true,
            })],
            Tiers = [.. (doc.Tiers ?? []).Select((t, i) => new TierRow
            {
                Origin = i,
                Id = t.Id,
                Name = t.Name,
                MinSpend = t.MinSpend.ToString(s_c),
                MinPoints = t.MinPoints?.ToString(s_c),
                MinPurchases = t.MinPurchases?.ToString(s_c),
                Multiplier = t.Multiplier?.ToString(s_c),
            })],
            Rewards = [.. (doc.Rewards ?? []).Select((r, i) => new RewardRow
            {
                Origin = i,
                Id = r.Id,
                Name = r.Name,
                Kind = r.Kind,
                CostPoints = r.CostPoints.ToString(s_c),
                Stock = r.Stock?.ToString(s_c),
                DiscountAmount = r.DiscountAmount?.ToString(s_c),
                DiscountPercent = r.DiscountPercent?.ToString(s_c),
                ValidFrom = r.ValidFrom?.ToString("yyyy-MM-dd", s_c),
                ValidTo = r.ValidTo?.ToString("yyyy-MM-dd", s_c),
                Tiers = Join(r.Tiers),
                Portable = r.Portable,
            })],
            Challenges = [.. (doc.Challenges ?? []).Select((c, i) => new ChallengeRow
            {
                Origin = i,
                Id = c.Id,
                Name = c.Name,
                Event = c.Event,
                Count = c.Count.ToString(s_c),
                WindowDays = c.WindowDays.ToString(s_c),
                RewardPoints = c.Reward?.Points?.ToString(s_c),
                RewardBadge = c.Reward?.Badge,
            })],
        };
        return form.WithBlankRows();
    }

    /// <summary>Makes sure each list ends with one empty row to add an item with.</summary>
    public ProgramForm WithBlankRows()
    {
        if (Rules.Count == 0 || !Rules[^1].Blank)
        {
            Rules.Add(new RuleRow());
        }
        if (Tiers.Count == 0 || !Tiers[^1].Blank)
        {
            Tiers.Add(new TierRow());
        }
        if (Rewards.Count == 0 || !Rewards[^1].Blank)
        {
            Rewards.Add(new RewardRow { Kind = "coupon" });
        }
        if (Challenges.Count == 0 || !Challenges[^1].Blank)
        {
            Challenges.Add(new ChallengeRow());
        }
        return this;
    }

    /// <summary>
    /// The document this form asks for: the current one with the form's parts replaced. Values that do not parse
    /// are reported against their field; the domain's validator then checks the whole document, and its messages are
    /// moved from the document's paths to the rows they are about.
    /// </summary>
    public (ProgramDocument? Document, FieldErrors Errors) ToDocument(ProgramDocument current)
    {
        var errors = new FieldErrors();
        var rulePaths = new List<int>();
        var tierPaths = new List<int>();
        var rewardPaths = new List<int>();
        var challengePaths = new List<int>();
        var p = new Reader(errors);

        var rules = new List<EarningRule>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var row = Rules[i];
            if (row.Remove || row.Blank)
            {
                continue;
            }
            var path = $"earning.rules[{i}]";
            var original = row.Origin >= 0 && row.Origin < (current.Earning.Rules?.Count ?? 0) ? current.Earning.Rules![row.Origin] : new EarningRule();
            var when = (original.When ?? new RuleConditions()) with
            {
                Categories = List(row.Categories),
                Skus = List(row.Skus),
                Channels = List(row.Channels),
                DaysOfWeek = List(row.DaysOfWeek)?.Select(d => d.ToLowerInvariant()).ToList(),
                From = p.Date(row.From, path + ".from"),
                To = p.Date(row.To, path + ".to"),
                MinTotal = p.Dec(row.MinTotal, path + ".minTotal"),
            };
            rules.Add(original with
            {
                Id = (row.Id ?? "").Trim(),
                When = when == new RuleConditions() ? null : when,
                Multiplier = p.Dec(row.Multiplier, path + ".multiplier"),
                BonusPoints = p.Long(row.BonusPoints, path + ".bonusPoints"),
                MaxPointsPerOrder = p.Long(row.MaxPointsPerOrder, path + ".maxPointsPerOrder"),
                Priority = p.Int(row.Priority, path + ".priority"),
                Stop = row.Stop ? true : null,
            });
            rulePaths.Add(i);
        }

        var tiers = new List<TierDefinition>();
        for (var i = 0; i < Tiers.Count; i++)
        {
            var row = Tiers[i];
            if (row.Remove || row.Blank)
            {
                continue;
            }
            var path = $"tiers[{i}]";
            var original = row.Origin >= 0 && row.Origin < (current.Tiers?.Count ?? 0) ? current.Tiers![row.Origin] : new TierDefinition();
            tiers.Add(original with
            {
                Id = (row.Id ?? "").Trim(),
                Name = (row.Name ?? "").Trim(),
                MinSpend = p.Dec(row.MinSpend, path + ".minSpend") ?? 0,
                MinPoints = p.Dec(row.MinPoints, path + ".minPoints"),
                MinPurchases = p.Int(row.MinPurchases, path + ".minPurchases"),
                Multiplier = p.Dec(row.Multiplier, path + ".multiplier"),
            });
            tierPaths.Add(i);
        }

        var rewards = new List<RewardDefinition>();
        for (var i = 0; i < Rewards.Count; i++)
        {
            var row = Rewards[i];
            if (row.Remove || row.Blank)
            {
                continue;
            }
            var path = $"rewards[{i}]";
            var original = row.Origin >= 0 && row.Origin < (current.Rewards?.Count ?? 0) ? current.Rewards![row.Origin] : new RewardDefinition();
            rewards.Add(original with
            {
                Id = (row.Id ?? "").Trim(),
                Name = (row.Name ?? "").Trim(),
                Kind = (row.Kind ?? "").Trim(),
                CostPoints = p.Long(row.CostPoints, path + ".costPoints", required: true) ?? 0,
                Stock = p.Int(row.Stock, path + ".stock"),
                DiscountAmount = p.Dec(row.DiscountAmount, path + ".discountAmount"),
                DiscountPercent = p.Dec(row.DiscountPercent, path + ".discountPercent"),
                ValidFrom = p.Date(row.ValidFrom, path + ".validFrom"),
                ValidTo = p.Date(row.ValidTo, path + ".validTo"),
                Tiers = List(row.Tiers),
                Portable = row.Portable,
            });
            rewardPaths.Add(i);
        }

        var challenges = new List<ChallengeDefinition>();
        for (var i = 0; i < Challenges.Count; i++)
        {
            var row = Challenges[i];
            if (row.Remove || row.Blank)
            {
                continue;
            }
            var path = $"challenges[{i}]";
            var original = row.Origin >= 0 && row.Origin < (current.Challenges?.Count ?? 0) ? current.Challenges![row.Origin] : new ChallengeDefinition();
            var points = p.Long(row.RewardPoints, path + ".reward.points");
            var badge = string.IsNullOrWhiteSpace(row.RewardBadge) ? null : row.RewardBadge.Trim();
            challenges.Add(original with
            {
                Id = (row.Id ?? "").Trim(),
                Name = (row.Name ?? "").Trim(),
                Event = (row.Event ?? "").Trim(),
                Count = p.Int(row.Count, path + ".count", required: true) ?? 0,
                WindowDays = p.Int(row.WindowDays, path + ".windowDays", required: true) ?? 0,
                Reward = points is null && badge is null ? null : (original.Reward ?? new ChallengeReward()) with { Points = points, Badge = badge },
            });
            challengePaths.Add(i);
        }

        var pointsPerUnit = p.Dec(PointsPerUnit, "earning.pointsPerUnit", required: true);
        var months = p.Int(ExpiryMonths, "expiry.months");
        if (errors.Any)
        {
            return (null, errors);
        }
        var document = current with
        {
            Earning = current.Earning with { PointsPerUnit = pointsPerUnit!.Value, Rules = rules.Count == 0 ? null : rules },
            Expiry = months is { } m ? (current.Expiry ?? new ExpiryPolicy()) with { Months = m } : null,
            Tiers = tiers.Count == 0 ? null : tiers,
            Rewards = rewards.Count == 0 ? null : rewards,
            Challenges = challenges.Count == 0 ? null : challenges,
        };
        foreach (var (path, messages) in ProgramValidator.Validate(document))
        {
            var field = ToFormPath(path, rulePaths, tierPaths, rewardPaths, challengePaths);
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }
        return errors.Any ? (null, errors) : (document, errors);
    }

    /// <summary>
    /// "earning.rules[1].when.categories[0]" for the second rule left in the document becomes the field of the row it
    /// came from, e.g. "earning.rules[2].categories": the index of the form's row, conditions flattened into the row.
    /// </summary>
    private static string ToFormPath(string path, List<int> rules, List<int> tiers, List<int> rewards, List<int> challenges)
    {
        var match = ListItem().Match(path);
        if (!match.Success)
        {
            return path;
        }
        var list = match.Groups["list"].Value;
        var index = int.Parse(match.Groups["index"].Value, s_c);
        var rows = list switch { "earning.rules" => rules, "tiers" => tiers, "rewards" => rewards, _ => challenges };
        var row = index < rows.Count ? rows[index] : index;
        var rest = match.Groups["rest"].Value;
        if (list == "earning.rules" && rest.StartsWith(".when", StringComparison.Ordinal))
        {
            rest = rest[".when".Length..];
        }
        rest = TrailingIndex().Replace(rest, "");
        return $"{list}[{row}]{rest}";
    }

    [GeneratedRegex(@"^(?<list>earning\.rules|tiers|rewards|challenges)\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex TrailingIndex();

    private static string? Join(IReadOnlyList<string>? items) => items is null ? null : string.Join(", ", items);

    private static List<string>? List(string? text)
    {
        var items = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length == 0 ? null : [.. items];
    }

    private sealed class Reader(FieldErrors errors)
    {
        public decimal? Dec(string? text, string field, bool required = false)
        {
            if (Missing(text, field, required))
            {
                return null;
            }
            if (decimal.TryParse(text!.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, s_c, out var value))
            {
                return value;
            }
            errors.Add(field, "must be a number, e.g. 1.5.");
            return null;
        }

        public long? Long(string? text, string field, bool required = false)
        {
            if (Missing(text, field, required))
            {
                return null;
            }
            if (long.TryParse(text!.Trim(), NumberStyles.AllowLeadingSign, s_c, out var value))
            {
                return value;
            }
            errors.Add(field, "must be a whole number.");
            return null;
        }

        public int? Int(string? text, string field, bool required = false)
        {
            if (Missing(text, field, required))
            {
                return null;
            }
            if (int.TryParse(text!.Trim(), NumberStyles.AllowLeadingSign, s_c, out var value))
            {
                return value;
            }
            errors.Add(field, "must be a whole number.");
            return null;
        }

        public DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", s_c, DateTimeStyles.None, out var day))
            {
                return day;
            }
            errors.Add(field, "must be a date YYYY-MM-DD.");
            return null;
        }

        private bool Missing(string? text, string field, bool required)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                return false;
            }
            if (required)
            {
                errors.Add(field, "is required.");
            }
            return true;
        }
    }
}
