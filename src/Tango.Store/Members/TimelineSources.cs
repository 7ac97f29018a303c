using System.Globalization;
using System.Text.Json;
using Dapper;
using Tango.Domain.Money;
using K = Tango.Store.Members.TimelineKinds;

namespace Tango.Store.Members;

/// <summary>The timeline's sources about money and points: orders, refunds, ledger lines, redemptions, coupons, tiers.</summary>
internal static partial class TimelineSources
{
    public static IReadOnlyList<TimelineSource> All { get; } =
    [
        new(K.Order, 0, OrdersAsync), new(K.Refund, 0, RefundsAsync), new(K.Points, 0, PointsAsync),
        new(K.Redemption, 0, RedemptionsAsync), new(K.Coupon, 0, CouponsAsync), new(K.Tier, 0, TiersAsync),
        new(K.Message, 0, MessagesAsync), new(K.Ticket, 0, TicketsAsync), new(K.Survey, 0, SurveysAsync),
        new(K.Referral, 0, InvitedByAsync), new(K.Referral, 1, InvitedAsync), new(K.Badge, 0, BadgesAsync),
        new(K.Insider, 0, InsiderInvitationsAsync), new(K.Insider, 1, InsiderFeedbackAsync), new(K.Marker, 0, MarkersAsync),
    ];

    private static async Task<IEnumerable<TimelineEntry>> OrdersAsync(TimelineRead read, TimelineSource source)
    {
        var rows = (await read.QueryAsync<OrderRow>(source,
            """
            SELECT order_id, event_id, occurred_at, currency, total_minor, refunded_minor, points_earned, points_clawed, wallet_earned
            FROM orders
            """, "tenant_id = @tenantId AND member_id = @memberId", "occurred_at", "order_id")).ToList();
        // The lines are in the purchase event, read by key for this page's orders only.
        var data = (await read.Connection.QueryAsync<(string EventId, string Data)>(
            $"SELECT event_id, data FROM events WHERE tenant_id = @tenantId AND member_id = @memberId AND {Journeys.InList.Sql(read.Connection, "event_id", "ids")}",
            new { tenantId = read.TenantId, memberId = read.MemberId, ids = rows.Select(r => r.EventId).ToArray() }))
            .ToDictionary(e => e.EventId, e => e.Data, StringComparer.Ordinal);
        return rows.Select(r =>
        {
            var lines = OrderLines(data.GetValueOrDefault(r.EventId, "{}"));
            var refunded = r.RefundedMinor > 0 ? $" · {Money(r.RefundedMinor, r.Currency)} refunded" : "";
            var item = new TimelineItem(r.OccurredAt, K.Order, $"Order {r.OrderId} · {Money(r.TotalMinor, r.Currency)}",
                $"{(lines.Count == 0 ? "no lines" : lines.Count == 1 ? "1 line" : $"{lines.Count} lines")} · {Signed(r.PointsEarned)} points{refunded}",
                new Refs().With("orderId", r.OrderId).With("eventId", r.EventId).With("total", Currency.FromMinor(r.TotalMinor, r.Currency))
                    .With("currency", r.Currency).With("refunded", Currency.FromMinor(r.RefundedMinor, r.Currency))
                    .With("pointsEarned", r.PointsEarned).With("pointsClawedBack", r.PointsClawed)
                    .With("walletEarned", Currency.FromMinor(r.WalletEarned, r.Currency)))
            { Lines = lines };
            return new TimelineEntry(item, source.Part, r.OrderId);
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> RefundsAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<EventRow>(source, "SELECT event_id, occurred_at, data FROM events",
            "tenant_id = @tenantId AND member_id = @memberId AND type = 'refund'", "occurred_at", "event_id");
        return rows.Select(r =>
        {
            using var doc = JsonDocument.Parse(r.Data);
            var orderId = Text(doc.RootElement, "orderId") ?? "";
            var amount = doc.RootElement.TryGetProperty("amount", out var a) && a.TryGetDecimal(out var value) ? value : 0m;
            var item = new TimelineItem(r.OccurredAt, K.Refund, $"Refund on order {orderId} · {amount.ToString("N2", CultureInfo.InvariantCulture)} {read.Currency}", null,
                new Refs().With("orderId", orderId).With("eventId", r.EventId).With("amount", amount).With("currency", read.Currency));
            return new TimelineEntry(item, source.Part, r.EventId);
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> PointsAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<LedgerRow>(source,
            "SELECT line_id, at, account, amount, kind, reason, rule_id, order_id, event_id, redemption_id, expires_at FROM ledger_lines",
            "tenant_id = @tenantId AND member_id = @memberId", "at", "line_id", numericId: true);
        return rows.Select(r =>
        {
            var wallet = r.Account == "wallet";
            var amount = wallet ? Currency.FromMinor(r.Amount, read.Currency) : r.Amount;
            var title = wallet ? (r.Amount >= 0 ? "+" : "") + Money(r.Amount, read.Currency) + " wallet" : $"{Signed(r.Amount)} points";
            var item = new TimelineItem(r.At, K.Points, title, r.Reason,
                new Refs().With("lineId", r.LineId).With("account", r.Account).With("amount", amount).With("lineKind", r.Kind)
                    .With("ruleId", r.RuleId).With("orderId", r.OrderId).With("eventId", r.EventId).With("redemptionId", r.RedemptionId)
                    .With("expiresAt", r.ExpiresAt));
            return new TimelineEntry(item, source.Part, r.LineId.ToString(CultureInfo.InvariantCulture));
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> RedemptionsAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<RedemptionRow>(source,
            "SELECT redemption_id, reward_id, points, coupon_code, status, created_at, cancelled_at FROM redemptions",
            "tenant_id = @tenantId AND member_id = @memberId", "created_at", "redemption_id");
        return rows.Select(r =>
        {
            var what = r.RewardId is null ? "points" : r.RewardId;
            var item = new TimelineItem(r.CreatedAt, K.Redemption, $"Redeemed {what} for {r.Points.ToString("N0", CultureInfo.InvariantCulture)} points",
                r.Status + (r.CouponCode is null ? "" : $" · coupon {r.CouponCode}"),
                new Refs().With("redemptionId", r.RedemptionId).With("rewardId", r.RewardId).With("points", r.Points)
                    .With("couponCode", r.CouponCode).With("status", r.Status).With("cancelledAt", r.CancelledAt));
            return new TimelineEntry(item, source.Part, r.RedemptionId);
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> CouponsAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<CouponRow>(source,
            """
            SELECT c.code, c.uses, c.status, b.batch_id, b.created_at, b.currency, b.percent_hundredths, b.amount_minor, b.expires_at,
                   b.max_uses, b.redemption_id
            FROM coupon_batches b JOIN coupons c ON c.tenant_id = b.tenant_id AND c.batch_id = b.batch_id
            """, "b.tenant_id = @tenantId AND b.member_id = @memberId", "b.created_at", "c.code");
        return rows.Select(r =>
        {
            var state = r.Status != "active" ? r.Status : r.Uses >= r.MaxUses ? "used" : r.ExpiresAt <= read.Now ? "expired" : "active";
            var value = r.PercentHundredths is { } p ? $"{Number(p / 100m)} % off" : $"{Money(r.AmountMinor ?? 0, r.Currency)} off";
            var expires = r.ExpiresAt is { } e ? $" · expires {e.UtcDateTime:yyyy-MM-dd}" : "";
            var item = new TimelineItem(r.CreatedAt, K.Coupon, $"Coupon {r.Code} · {state}", $"{value} · used {r.Uses} of {r.MaxUses}{expires}",
                new Refs().With("code", r.Code).With("state", state).With("uses", r.Uses).With("maxUses", r.MaxUses)
                    .With("batchId", r.BatchId).With("redemptionId", r.RedemptionId).With("expiresAt", r.ExpiresAt));
            return new TimelineEntry(item, source.Part, r.Code);
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> TiersAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<TierRow>(source, "SELECT change_id, at, from_tier, to_tier, reason, source FROM tier_changes",
            "tenant_id = @tenantId AND member_id = @memberId", "at", "change_id");
        return rows.Select(r =>
        {
            var item = new TimelineItem(r.At, K.Tier, $"Tier {r.FromTier ?? "none"} → {r.ToTier ?? "none"}", r.Reason,
                new Refs().With("changeId", r.ChangeId).With("from", r.FromTier).With("to", r.ToTier).With("source", r.Source));
            return new TimelineEntry(item, source.Part, r.ChangeId);
        });
    }

    private static List<TimelineOrderLine> OrderLines(string data)
    {
        using var doc = JsonDocument.Parse(data);
        if (!doc.RootElement.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return lines.EnumerateArray().Select(l => new TimelineOrderLine(Text(l, "sku") ?? "", Text(l, "category"),
            Decimal(l, "quantity"), Decimal(l, "unitPrice"))).ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal Decimal(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetDecimal(out var number) ? number : 0m;

    private static string Money(long minor, string currency) =>
        Currency.FromMinor(minor, currency).ToString("N" + Currency.MinorUnits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;

    private static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string Signed(long points) => (points >= 0 ? "+" : "") + points.ToString("N0", CultureInfo.InvariantCulture);
}
