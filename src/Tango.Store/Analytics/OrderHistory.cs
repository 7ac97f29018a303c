using System.Runtime.CompilerServices;
using Dapper;
using Tango.Domain.Money;
using Tango.Store.Infrastructure;

namespace Tango.Store.Analytics;

/// <summary>
/// One member's purchases as analytics sees them: UTC calendar days with the day's spend net of refunds.
/// An order refunded in full is not a purchase; a free one (total 0) is.
/// </summary>
/// <param name="FirstAt">The first purchase's instant: when the member became a customer.</param>
public sealed record MemberPurchases(string MemberId, bool Erased, DateOnly[] Days, double[] DaySpend, int Orders, double Revenue,
    DateTimeOffset FirstAt = default, DateTimeOffset LastAt = default);

/// <summary>A member as the overview counts them: erased members stay, anonymously, in the totals.</summary>
public sealed record MemberBalance(string MemberId, long PointsBalance);

public static class OrderHistory
{
    /// <summary>Streams every member with at least one purchase, in member id order, reading the orders once.</summary>
    public static async IAsyncEnumerable<MemberPurchases> ReadAsync(Database db, string tenantId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = connection.QueryUnbufferedAsync<OrderRow>(
            """
            SELECT o.member_id, o.occurred_at, o.total_minor - o.refunded_minor AS net_minor, o.currency,
                   CASE WHEN m.erased_at IS NULL THEN 0 ELSE 1 END AS erased
            FROM orders o JOIN members m ON m.tenant_id = o.tenant_id AND m.member_id = o.member_id
            WHERE o.tenant_id = @tenantId AND (o.refunded_minor = 0 OR o.refunded_minor < o.total_minor)
            ORDER BY o.member_id, o.occurred_at
            """, new { tenantId });
        var builder = new Builder();
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (builder.MemberId is not null && builder.MemberId != row.MemberId)
            {
                yield return builder.Build();
            }
            builder.Add(row);
        }
        if (builder.MemberId is not null)
        {
            yield return builder.Build();
        }
    }

    /// <summary>Streams every member of the tenant with the points they hold.</summary>
    public static async IAsyncEnumerable<MemberBalance> MembersAsync(Database db, string tenantId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = connection.QueryUnbufferedAsync<BalanceRow>(
            "SELECT member_id, points_balance FROM members WHERE tenant_id = @tenantId", new { tenantId });
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return new MemberBalance(row.MemberId, row.PointsBalance);
        }
    }

    public static async Task<IReadOnlyList<string>> TenantsAsync(Database db, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>("SELECT tenant_id FROM tenants ORDER BY tenant_id")).ToList();
    }

    private sealed class BalanceRow
    {
        public string MemberId { get; set; } = "";
        public long PointsBalance { get; set; }
    }

    private sealed class OrderRow
    {
        public string MemberId { get; set; } = "";
        public DateTimeOffset OccurredAt { get; set; }
        public long NetMinor { get; set; }
        public string Currency { get; set; } = "";
        public long Erased { get; set; }
    }

    /// <summary>Folds one member's orders (in time order) into purchase days.</summary>
    private sealed class Builder
    {
        private readonly List<DateOnly> _days = [];
        private readonly List<double> _spend = [];
        private bool _erased;
        private int _orders;
        private double _revenue;
        private DateTimeOffset _firstAt;
        private DateTimeOffset _lastAt;

        public string? MemberId { get; private set; }

        public void Add(OrderRow row)
        {
            MemberId = row.MemberId;
            _erased = row.Erased != 0;
            var day = DateOnly.FromDateTime(row.OccurredAt.UtcDateTime);
            var amount = (double)Currency.FromMinor(row.NetMinor, row.Currency);
            if (_days.Count > 0 && _days[^1] == day)
            {
                _spend[^1] += amount;
            }
            else
            {
                _days.Add(day);
                _spend.Add(amount);
            }
            if (_orders == 0)
            {
                _firstAt = row.OccurredAt;
            }
            _lastAt = row.OccurredAt;
            _orders++;
            _revenue += amount;
        }

        public MemberPurchases Build()
        {
            var built = new MemberPurchases(MemberId!, _erased, [.. _days], [.. _spend], _orders, _revenue, _firstAt, _lastAt);
            _days.Clear();
            _spend.Clear();
            _orders = 0;
            _revenue = 0;
            MemberId = null;
            return built;
        }
    }
}
