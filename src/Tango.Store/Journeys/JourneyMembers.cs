using System.Data.Common;
using Dapper;
using Tango.Domain.Journeys;

namespace Tango.Store.Journeys;

/// <summary>What journeys know about a member when they decide and write: the member row and the latest insights.</summary>
public sealed record JourneyMember(
    string TenantId,
    string MemberId,
    string? Email,
    string? Name,
    string? BirthDate,
    string? TimeZone,
    string? Locale,
    bool ConsentEmail,
    string? TierId,
    long PointsBalance,
    long WalletMinor,
    DateTimeOffset? ErasedAt,
    string? Segment,
    double? PAlive,
    double? ExpectedPurchases90d,
    double? PredictedClv12m,
    string? LoyaltyStage,
    double? HabitStrength)
{
    public MemberFacts Facts => new(TierId, ConsentEmail, Segment, PAlive, LoyaltyStage);
}

public sealed record MemberMarker(string Text, string? Kind);

/// <summary>Member reads for the journey engine, inside its transaction or outside.</summary>
public static class JourneyMembers
{
    private const string Select = """
        SELECT m.tenant_id, m.member_id, m.email, m.name, m.birth_date, m.time_zone, m.locale, m.consent_email, m.tier_id,
               m.points_balance, m.wallet_minor, m.erased_at, i.rfm_segment AS segment, i.p_alive, i.expected_purchases_90d,
               i.predicted_clv_12m, i.loyalty_stage, i.habit_strength
        FROM members m
        LEFT JOIN member_insights i ON i.tenant_id = m.tenant_id AND i.member_id = m.member_id
        """;

    public static async Task<JourneyMember?> FindAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Select + " WHERE m.tenant_id = @tenantId AND m.member_id = @memberId",
            new { tenantId, memberId }, tx))?.ToMember();

    public static async Task<IReadOnlyList<JourneyMember>> FindManyAsync(DbConnection connection, DbTransaction? tx, string tenantId,
        IReadOnlyCollection<string> memberIds)
    {
        var found = new List<JourneyMember>();
        foreach (var chunk in memberIds.Chunk(500))
        {
            var rows = await connection.QueryAsync<Row>(Select + " WHERE m.tenant_id = @tenantId AND " + InList.Sql(connection, "m.member_id", "ids"),
                new { tenantId, ids = chunk }, tx);
            found.AddRange(rows.Select(r => r.ToMember()));
        }
        return found;
    }

    /// <summary>The member's markers, and first the one staff should bring up next (never raised, else raised longest ago).</summary>
    public static async Task<IReadOnlyList<MemberMarker>> MarkersAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId) =>
        (await connection.QueryAsync<MemberMarker>(
            """
            SELECT text, kind FROM markers WHERE tenant_id = @tenantId AND member_id = @memberId
            ORDER BY last_raised_at IS NOT NULL, last_raised_at, created_at, marker_id
            """, new { tenantId, memberId }, tx)).ToList();

    private sealed class Row
    {
        public string TenantId { get; init; } = "";
        public string MemberId { get; init; } = "";
        public string? Email { get; init; }
        public string? Name { get; init; }
        public string? BirthDate { get; init; }
        public string? TimeZone { get; init; }
        public string? Locale { get; init; }
        public bool ConsentEmail { get; init; }
        public string? TierId { get; init; }
        public long PointsBalance { get; init; }
        public long WalletMinor { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
        public string? Segment { get; init; }
        public double? PAlive { get; init; }
        public double? ExpectedPurchases90d { get; init; }
        public double? PredictedClv12m { get; init; }
        public string? LoyaltyStage { get; init; }
        public double? HabitStrength { get; init; }

        public JourneyMember ToMember() => new(TenantId, MemberId, Email, Name, BirthDate, TimeZone, Locale, ConsentEmail, TierId,
            PointsBalance, WalletMinor, ErasedAt, Segment, PAlive, ExpectedPurchases90d, PredictedClv12m, LoyaltyStage, HabitStrength);
    }
}
