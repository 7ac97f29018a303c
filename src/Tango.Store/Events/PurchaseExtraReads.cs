using Dapper;
using Npgsql;
using Tango.Store.Challenges;
using Tango.Store.Infrastructure;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

/// <summary>
/// The referral and challenge reads of one tenant's purchases on PostgreSQL, sent in the batch's read round trip:
/// the members' pending referrals when the program has referral terms, and the orders and completions around each
/// purchase when it has challenges on purchases; what each member earned in the purchase's day and month when it has
/// earning limits. A program with none of them adds no statement.
/// </summary>
internal sealed class PurchaseExtraReads
{
    private readonly string _tenant;
    private readonly List<PurchaseItem> _referred;
    private readonly List<PurchaseItem> _challenged;
    private readonly List<PurchaseItem> _limited;
    private readonly Dictionary<PurchaseItem, PeriodEarnings> _earned = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, PendingReferral> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<PurchaseItem, List<DateTimeOffset>> _events = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PurchaseItem, List<StoredCompletion>> _completions = new(ReferenceEqualityComparer.Instance);

    public PurchaseExtraReads(string tenant, IReadOnlyList<PurchaseItem> own)
    {
        _tenant = tenant;
        _referred = own.Where(ReferralPurchases.Wants).ToList();
        _challenged = own.Where(ChallengePurchases.Wants).ToList();
        _limited = own.Where(EarningLimitReads.Wants).ToList();
    }

    public void AddTo(SqlBatch batch)
    {
        if (_referred.Count > 0)
        {
            batch.Add(ReferralPurchases.PendingSetSql, SqlBatch.Text(_tenant), SqlBatch.Text(_referred.Select(i => i.Command.MemberId).Distinct()));
        }
        if (_challenged.Count > 0)
        {
            var horizons = _challenged.Select(ChallengePurchases.Horizon).ToList();
            foreach (var sql in new[] { ChallengePurchases.OrdersSetSql, ChallengePurchases.CompletionsSetSql })
            {
                batch.Add(sql, SqlBatch.Text(_tenant), SqlBatch.Text(_challenged.Select(i => i.Command.MemberId)),
                    SqlBatch.Instants(horizons.Select(h => h.From)), SqlBatch.Instants(horizons.Select(h => h.To)));
            }
        }
        if (_limited.Count > 0)
        {
            EarningLimitReads.AddSetStatement(batch, _tenant, _limited);
        }
    }

    /// <summary>Reads this tenant's result sets; the reader stands on the result before them.</summary>
    public async Task ReadAsync(NpgsqlDataReader reader)
    {
        if (_referred.Count > 0)
        {
            await reader.NextResultAsync();
            var row = reader.GetRowParser<PendingReferral>();
            while (await reader.ReadAsync())
            {
                var pending = row(reader);
                _pending[pending.FriendId] = pending;
            }
        }
        if (_challenged.Count > 0)
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                Of(_events, reader.GetInt64(0)).Add(new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                Of(_completions, reader.GetInt64(0)).Add(new StoredCompletion
                {
                    ChallengeId = reader.GetString(1),
                    Occurrence = reader.GetString(2),
                    FirstAt = new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                    LastAt = new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                });
            }
        }
        if (_limited.Count > 0)
        {
            await EarningLimitReads.ReadSetAsync(reader, _limited, _earned);
        }
    }

    public PurchaseRead Apply(PurchaseItem item, PurchaseRead read) => read with
    {
        Referral = ReferralPurchases.Wants(item) ? _pending.GetValueOrDefault(item.Command.MemberId) : null,
        ChallengeEvents = _events.GetValueOrDefault(item) ?? [],
        Completions = _completions.GetValueOrDefault(item) ?? [],
        Earned = _earned.GetValueOrDefault(item) ?? PeriodEarnings.None,
    };

    /// <summary>The list of the challenged purchase at place n (1-based, as WITH ORDINALITY numbers them).</summary>
    private List<T> Of<T>(Dictionary<PurchaseItem, List<T>> byItem, long n)
    {
        var item = _challenged[(int)n - 1];
        if (!byItem.TryGetValue(item, out var list))
        {
            byItem[item] = list = [];
        }
        return list;
    }
}
