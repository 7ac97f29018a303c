using System.Text.Json;
using Dapper;
using Tango.Domain.Money;
using Tango.Store.Challenges;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Referrals;

namespace Tango.Store.Members;

public sealed record ExportedBalance(long Points, decimal Wallet);

public sealed record ExportedEvent(string EventId, string Type, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, JsonElement Data);

public sealed record ExportedOrder(string OrderId, DateTimeOffset OccurredAt, string Currency, decimal Total, decimal Refunded,
    long PointsEarned, long PointsClawed, decimal WalletEarned, decimal WalletClawed, int ProgramVersion);

public sealed record ExportedRedemption(string RedemptionId, string? RewardId, long Points, string? CouponCode, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);

/// <summary>The member's referral code, who referred it and whom it referred.</summary>
public sealed record ExportedReferral(string? Code, ReferredBy? ReferredBy, IReadOnlyList<ReferredFriend> Friends);

/// <summary>The member's badges and every challenge it completed.</summary>
public sealed record ExportedAchievements(IReadOnlyList<BadgeEarned> Badges, IReadOnlyList<CompletionView> Completions);

/// <summary>Everything stored about one member (GDPR access request), in the shapes the rest of the API uses.</summary>
public sealed record MemberExport(
    Member Member,
    ExportedBalance Balance,
    IReadOnlyList<Marker> Markers,
    IReadOnlyList<ExportedEvent> Events,
    IReadOnlyList<ExportedOrder> Orders,
    IReadOnlyList<LedgerEntry> Ledger,
    IReadOnlyList<ExportedRedemption> Redemptions,
    ExportedReferral Referral,
    ExportedAchievements Achievements)
{
    /// <summary>The insider groups the member was invited to, with their answers and feedback.</summary>
    public IReadOnlyList<Insiders.MemberInsiderView> Insiders { get; init; } = [];

    public IReadOnlyList<Tiers.TierChange> TierChanges { get; init; } = [];

    public IReadOnlyList<ExportedCouponUse> CouponUses { get; init; } = [];

    /// <summary>Every surprise drawn for the member, granted or not, with its reason.</summary>
    public IReadOnlyList<ExportedSurpriseDraw> Surprises { get; init; } = [];

    /// <summary>The journeys the member entered (held out ones too).</summary>
    public IReadOnlyList<Journeys.MemberJourney> Journeys { get; init; } = [];

    /// <summary>Every message written to the member: email, webhook and inbox, sent or not.</summary>
    public IReadOnlyList<Journeys.ExportedMessage> Messages { get; init; } = [];
}

/// <summary>
/// Reads the export through typed rows rather than dynamic ones: dynamic rows would leak column names
/// (snake_case), minor units and each store's own instant format into the JSON.
/// </summary>
internal static class MemberExports
{
    public static async Task<MemberExport?> ReadAsync(Database db, string tenantId, string memberId, string currency, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var member = await MemberSql.FindAsync(connection, null, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return null;
        }
        var args = new { tenantId, memberId };
        var events = await connection.QueryAsync<EventRow>(
            "SELECT event_id, type, occurred_at, received_at, data FROM events WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY occurred_at, event_id",
            args);
        var orders = await connection.QueryAsync<OrderRow>(
            """
            SELECT order_id, occurred_at, currency, total_minor, refunded_minor, points_earned, points_clawed, wallet_earned, wallet_clawed, program_version
            FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY occurred_at, order_id
            """, args);
        var ledger = await connection.QueryAsync<LedgerLine>(
            """
            SELECT line_id, member_id, at, account, amount, kind, reason, rule_id, program_version, event_id, order_id, redemption_id, expires_at
            FROM ledger_lines WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY line_id
            """, args);
        var redemptions = await connection.QueryAsync<RedemptionRow>(
            """
            SELECT redemption_id, reward_id, points, coupon_code, status, created_at, cancelled_at
            FROM redemptions WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY created_at, redemption_id
            """, args);
        return new MemberExport(
            member.ToMember(),
            new ExportedBalance(member.PointsBalance, Currency.FromMinor(member.WalletMinor, currency)),
            await Markers.ListAsync(connection, tenantId, memberId),
            events.Select(e => new ExportedEvent(e.EventId, e.Type, e.OccurredAt, e.ReceivedAt, JsonSerializer.Deserialize<JsonElement>(e.Data))).ToList(),
            orders.Select(o => o.ToExported()).ToList(),
            ledger.Select(l => new LedgerEntry(l.LineId, l.At, l.Account,
                l.Account == "wallet" ? Currency.FromMinor(l.Amount, currency) : l.Amount, l.Kind, l.Reason, l.RuleId,
                l.ProgramVersion, l.EventId, l.OrderId, l.RedemptionId, l.ExpiresAt)).ToList(),
            redemptions.Select(r => new ExportedRedemption(r.RedemptionId, r.RewardId, r.Points, r.CouponCode, r.Status, r.CreatedAt, r.CancelledAt)).ToList(),
            new ExportedReferral(await ReferralCodeSql.CodeOfAsync(connection, null, tenantId, memberId),
                await ReferralQueries.ReferredByAsync(connection, null, tenantId, memberId), await ReferralQueries.FriendsAsync(connection, tenantId, memberId)),
            await ExportAchievementsAsync(connection, tenantId, memberId))
        {
            TierChanges = await RewardExport.TierChangesAsync(connection, tenantId, memberId),
            CouponUses = await RewardExport.CouponUsesAsync(connection, tenantId, memberId, currency),
            Surprises = await RewardExport.SurprisesAsync(connection, tenantId, memberId),
            Insiders = await Insiders.InsiderQueries.ForMemberAsync(connection, tenantId, memberId),
            Journeys = await Journeys.JourneyExport.EntriesAsync(connection, tenantId, memberId),
            Messages = await Journeys.JourneyExport.MessagesAsync(connection, tenantId, memberId),
        };
    }

    private static async Task<ExportedAchievements> ExportAchievementsAsync(System.Data.Common.DbConnection connection, string tenantId, string memberId)
    {
        var (badges, completions) = await AchievementQueries.BadgesAndCompletionsAsync(connection, tenantId, memberId, limit: null);
        return new ExportedAchievements(badges, completions);
    }

    private sealed class EventRow
    {
        public string EventId { get; init; } = "";
        public string Type { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string Data { get; init; } = "{}";
    }


    private sealed class OrderRow
    {
        public string OrderId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Currency { get; init; } = "";
        public long TotalMinor { get; init; }
        public long RefundedMinor { get; init; }
        public long PointsEarned { get; init; }
        public long PointsClawed { get; init; }
        public long WalletEarned { get; init; }
        public long WalletClawed { get; init; }
        public int ProgramVersion { get; init; }

        public ExportedOrder ToExported() => new(OrderId, OccurredAt, Currency,
            Money(TotalMinor), Money(RefundedMinor), PointsEarned, PointsClawed, Money(WalletEarned), Money(WalletClawed), ProgramVersion);

        private decimal Money(long minor) => Domain.Money.Currency.FromMinor(minor, Currency);
    }
}

/// <summary>A redemption row as the export and the timeline read it.</summary>
internal sealed class RedemptionRow
{
    public string RedemptionId { get; init; } = "";
    public string? RewardId { get; init; }
    public long Points { get; init; }
    public string? CouponCode { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
}
