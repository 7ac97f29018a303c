using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Tango.Store.Members;

/// <summary>
/// The member list's SQL. Members the analytics refresh scored have a <c>member_insights</c> row; sorted by one of its
/// figures, they are read from that table in index order, and the unscored members (who have no such figure) are read
/// by id before them (ascending) or after them (descending). Each part walks an index and stops at the page's end,
/// so a page costs the same on a million members as on a hundred.
/// </summary>
internal sealed class MemberSearchSql
{
    private const string Columns = """
        m.member_id, m.name, m.email, m.tier_id, i.rfm_segment, i.loyalty_stage, i.p_alive, i.predicted_clv_12m,
        i.orders, i.spend, i.last_purchase_at, m.points_balance, i.first_purchase_at
        """;

    private const string Joined = "members m LEFT JOIN member_insights i ON i.tenant_id = m.tenant_id AND i.member_id = m.member_id";

    private readonly DynamicParameters _args = new();
    private readonly List<string> _onMember = ["m.tenant_id = @tenantId", "m.erased_at IS NULL"];
    private readonly List<string> _onInsight = [];
    private readonly List<(string Column, string Condition)> _onInsightWalking = [];
    private readonly MemberSearch _search;

    public MemberSearchSql(string tenantId, MemberSearch search)
    {
        _search = search;
        _args.Add("tenantId", tenantId);
        for (var k = 0; k < search.Filters.Count; k++)
        {
            Add(search.Filters[k], k);
        }
    }

    /// <summary>Which groups can hold a match, in the order the sort visits them.</summary>
    public IReadOnlyList<Group> Groups()
    {
        var scored = !_search.Filters.Any(f => f.NeedsNoInsight);
        var unscored = !_search.Filters.Any(f => f.NeedsInsight);
        if (!_search.Sort.ByInsight)
        {
            return scored || unscored ? [Group.All] : [];
        }
        var groups = new List<Group>();
        if (unscored)
        {
            groups.Add(Group.Unscored);
        }
        if (scored)
        {
            groups.Insert(_search.Sort.Descending ? 0 : groups.Count, Group.Scored);
        }
        return groups;
    }

    public async Task<List<(Row Row, Group Group)>> PageAsync(DbConnection connection, int take)
    {
        var groups = Groups();
        var after = _search.After;
        var start = after is null ? 0 : groups.ToList().IndexOf(GroupOf(after));
        var rows = new List<(Row, Group)>();
        for (var g = Math.Max(start, 0); start >= 0 && g < groups.Count && rows.Count < take; g++)
        {
            var sql = Select(groups[g], g == start ? after : null, take - rows.Count);
            rows.AddRange((await connection.QueryAsync<Row>(sql, _args)).Select(r => (r, groups[g])));
        }
        return rows;
    }

    /// <summary>
    /// How many match: the scored ones counted on their own table (joined to members only when a member field is
    /// filtered), the unscored ones as the members matching the member fields less the scored ones among them.
    /// </summary>
    public async Task<long> CountAsync(DbConnection connection)
    {
        var canBeScored = !_search.Filters.Any(f => f.NeedsNoInsight);
        var canBeUnscored = !_search.Filters.Any(f => f.NeedsInsight);
        var members = canBeUnscored
            ? await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM members m WHERE {Where(_onMember, [])}", _args)
            : 0;
        if (canBeScored && canBeUnscored)
        {
            return members;
        }
        var scoredSql = _search.Filters.Any(f => f.OnMember)
            ? $"SELECT count(*) FROM member_insights i JOIN members m ON m.tenant_id = i.tenant_id AND m.member_id = i.member_id WHERE {Where(_onMember, _onInsight)}"
            : $"SELECT count(*) FROM member_insights i WHERE {Where(["i.tenant_id = @tenantId"], _onInsight)}";
        var scored = await connection.ExecuteScalarAsync<long>(scoredSql, _args);
        return canBeScored ? scored : canBeUnscored ? members - scored : 0;
    }

    public static Group GroupOf(MemberCursor cursor) =>
        !cursor.Sort.ByInsight ? Group.All : cursor.Unscored ? Group.Unscored : Group.Scored;

    /// <summary>The sort key of a row as the cursor carries it.</summary>
    public string KeyOf(Row row, Group group)
    {
        var c = CultureInfo.InvariantCulture;
        return group == Group.Unscored ? "" : _search.Sort.Key switch
        {
            MemberSortKey.Id => "",
            MemberSortKey.Points => row.PointsBalance.ToString(c),
            MemberSortKey.Orders => (row.Orders ?? 0).ToString(c),
            MemberSortKey.Spend => (row.Spend ?? 0).ToString("R", c),
            MemberSortKey.Clv => (row.PredictedClv12m ?? -1).ToString("R", c),
            MemberSortKey.PAlive => (row.PAlive ?? -1).ToString("R", c),
            MemberSortKey.LastPurchase => row.LastPurchase ?? "",
            _ => throw new ArgumentOutOfRangeException(nameof(group)),
        };
    }

    private string Select(Group group, MemberCursor? after, int take)
    {
        var descending = _search.Sort.Descending;
        var dir = descending ? "DESC" : "ASC";
        var key = group switch
        {
            Group.Unscored => null,
            Group.All => _search.Sort.Key == MemberSortKey.Points ? "m.points_balance" : null,
            _ => InsightKey(_search.Sort.Key),
        };
        var where = new List<string>(_onMember);
        // A range on the sort key itself keeps its plain spelling: the walk then starts where the range does.
        where.AddRange(group == Group.Scored
            ? _onInsightWalking.Select((w, n) => w.Column == key ? _onInsight[n] : w.Condition)
            : _onInsight);
        if (group == Group.Unscored || (group == Group.All && _search.Filters.Any(f => f.NeedsNoInsight)))
        {
            where.Add("i.member_id IS NULL");
        }
        if (after is not null)
        {
            var op = descending ? "<" : ">";
            _args.Add("afterId", after.Id);
            if (key is null)
            {
                where.Add($"m.member_id {op} @afterId");
            }
            else
            {
                _args.Add("afterKey", MemberCursor.KeyValue(after));
                where.Add($"({key}, m.member_id) {op} (@afterKey, @afterId)");
            }
        }
        var idColumn = group == Group.Scored ? "i.member_id" : "m.member_id";
        var from = group == Group.Scored
            ? "member_insights i JOIN members m ON m.tenant_id = i.tenant_id AND m.member_id = i.member_id"
            : Joined;
        if (group == Group.Scored)
        {
            where[0] = "i.tenant_id = @tenantId";
            where = where.Select(w => w.Replace("m.member_id", "i.member_id", StringComparison.Ordinal)).ToList();
        }
        var order = key is null ? $"{idColumn} {dir}" : $"{key} {dir}, {idColumn} {dir}";
        return $"SELECT {Columns}, i.last_purchase FROM {from} WHERE {string.Join(" AND ", where)} ORDER BY {order} LIMIT {take}";
    }

    /// <summary>The same expressions as the indexes of migration 0015, so each sort walks its index.</summary>
    private static string InsightKey(MemberSortKey key) => key switch
    {
        MemberSortKey.LastPurchase => "i.last_purchase",
        MemberSortKey.Orders => "i.orders",
        MemberSortKey.Spend => "i.spend",
        MemberSortKey.Clv => "coalesce(i.predicted_clv_12m, -1)",
        MemberSortKey.PAlive => "coalesce(i.p_alive, -1)",
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static string Where(IEnumerable<string> a, IEnumerable<string> b) => string.Join(" AND ", a.Concat(b));

    private void Add(MemberFilter f, int k)
    {
        if (f.Query is { } q)
        {
            Arg("q", k, "%" + EscapeLike(q.ToLowerInvariant()) + "%");
            var columns = new[] { "m.member_id", "coalesce(m.email, '')", "coalesce(m.name, '')", "coalesce(m.phone, '')" };
            _onMember.Add("(" + string.Join(" OR ", columns.Select(c => $"lower({c}) LIKE @q{k} ESCAPE '\\'")) + ")");
        }
        Member(f.Tier, "m.tier_id = @tier{0}", "tier", k);
        Member(f.EmailConsent, "m.consent_email = @consent{0}", "consent", k);
        Insight(f.Segment, "i.rfm_segment", "= @segment{0}", "segment", k, text: true);
        Insight(f.Stage is MemberFilter.NoStage ? null : f.Stage, "i.loyalty_stage", "= @stage{0}", "stage", k, text: true);
        // Ranges are written on the sort keys' expressions, so their indexes serve them; -1 (no model) is never in range.
        Insight(f.MinPAlive, "coalesce(i.p_alive, -1)", ">= @minPAlive{0}", "minPAlive", k);
        Insight(f.MaxPAlive, "coalesce(i.p_alive, -1)", "BETWEEN 0 AND @maxPAlive{0}", "maxPAlive", k);
        Insight(f.MinClv, "coalesce(i.predicted_clv_12m, -1)", ">= @minClv{0}", "minClv", k);
        Insight(f.MaxClv, "coalesce(i.predicted_clv_12m, -1)", "BETWEEN 0 AND @maxClv{0}", "maxClv", k);
        Insight(Day(f.LastPurchaseBefore), "i.last_purchase", "< @before{0}", "before", k, text: true);
        Insight(Day(f.LastPurchaseAfter), "i.last_purchase", "> @after{0}", "after", k, text: true);
        Insight(f.MinOrders > 0 ? f.MinOrders : null, "i.orders", ">= @minOrders{0}", "minOrders", k);
        Insight(f.RfmR, "i.rfm_r", "= @rfmR{0}", "rfmR", k);
        Insight(f.RfmF, "i.rfm_f", "= @rfmF{0}", "rfmF", k);
    }

    private void Member(object? value, string condition, string name, int k)
    {
        if (value is not null)
        {
            Arg(name, k, value);
            _onMember.Add(string.Format(CultureInfo.InvariantCulture, condition, k));
        }
    }

    /// <summary>
    /// A condition on a refresh figure, in two spellings: as is, for counting (an index on the column serves it), and
    /// with the column wrapped (<c>|| ''</c>, <c>+ 0</c>) for a page sorted by another figure: no index serves that
    /// spelling, so the planner walks the sort key's index and stops after a page instead of sorting every match.
    /// </summary>
    private void Insight(object? value, string column, string test, string name, int k, bool text = false)
    {
        if (value is not null)
        {
            Arg(name, k, value);
            _onInsight.Add(string.Format(CultureInfo.InvariantCulture, $"{column} {test}", k));
            _onInsightWalking.Add((column, string.Format(CultureInfo.InvariantCulture, text ? $"({column} || '') {test}" : $"({column} + 0) {test}", k)));
        }
    }

    private void Arg(string name, int k, object value) => _args.Add(name + k.ToString(CultureInfo.InvariantCulture), value);

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The query is text to find, not a pattern: LIKE's wildcards and its escape character match themselves.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    internal enum Group
    {
        /// <summary>Every member, when the sort key is on the member row.</summary>
        All,
        Scored,
        Unscored,
    }

    // A class with settable properties: Dapper converts column types (smallint, integer, bigint, real) per store.
    internal sealed class Row
    {
        public string MemberId { get; set; } = "";
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? TierId { get; set; }
        public string? RfmSegment { get; set; }
        public string? LoyaltyStage { get; set; }
        public double? PAlive { get; set; }
        public double? PredictedClv12m { get; set; }
        public long? Orders { get; set; }
        public double? Spend { get; set; }
        public DateTimeOffset? LastPurchaseAt { get; set; }
        public long PointsBalance { get; set; }
        public DateTimeOffset? FirstPurchaseAt { get; set; }
        public string? LastPurchase { get; set; }

        public MemberListItem ToItem() => new(MemberId, Name, Email, TierId, RfmSegment, LoyaltyStage ?? MemberFilter.NoStage, PAlive,
            PredictedClv12m, (int)(Orders ?? 0), Math.Round((decimal)(Spend ?? 0), 2), LastPurchaseAt, PointsBalance, FirstPurchaseAt);
    }
}
