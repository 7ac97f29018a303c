using Dapper;
using Tango.Domain.Service;
using Tango.Store.Infrastructure;

namespace Tango.Store.Service;

public sealed class SurveyQueries(Database db)
{
    /// <summary>The invitation behind a link, with its tenant; null for a token nobody was given.</summary>
    public async Task<(string TenantId, string MemberId, InvitationQuestion Question)?> InvitationAsync(string token, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>(
            $"SELECT {InvitationRow.Columns} FROM survey_invitations WHERE token_hash = @hash", new { hash = SurveyTokens.Hash(token) });
        if (row is null)
        {
            return null;
        }
        var (min, max) = SurveyScales.Range(row.SurveyKind);
        return (row.TenantId, row.MemberId,
            new InvitationQuestion(row.SurveyKind, SurveyScales.Question(row.SurveyKind), min, max, row.ExpiresAt, row.AnsweredAt is not null));
    }

    public async Task<LatestScore?> LatestAsync(string tenantId, string memberId, SurveyKind kind, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<ScoreRow>(
            """
            SELECT member_id, score, answered_at, response_id FROM survey_responses
            WHERE tenant_id = @tenantId AND member_id = @memberId AND kind = @kind
            ORDER BY answered_at DESC, response_id DESC LIMIT 1
            """, new { tenantId, memberId, kind = ServiceNames.Name(kind) });
        return row is null ? null : new LatestScore(row.Score, row.AnsweredAt, row.ResponseId);
    }

    /// <summary>Answers counted per kind, score, day, channel and tier, from <paramref name="from"/> to <paramref name="to"/> (UTC days, inclusive).</summary>
    public async Task<IReadOnlyList<ScoreCount>> CountsAsync(string tenantId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var where = "tenant_id = @tenantId" + (from is null ? "" : " AND answered_on >= @from") + (to is null ? "" : " AND answered_on <= @to");
        var rows = await connection.QueryAsync<CountRow>(
            $"""
            SELECT kind, score, answered_on, channel, tier_id, count(*) AS answers FROM survey_responses
            WHERE {where} GROUP BY kind, score, answered_on, channel, tier_id
            """, new { tenantId, from = Day(from), to = Day(to) });
        return rows.Select(r => new ScoreCount(ServiceNames.Parse<SurveyKind>(r.Kind), r.Score,
            DateOnly.ParseExact(r.AnsweredOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Channel, r.TierId, (int)r.Answers)).ToList();
    }

    /// <summary>Each member's latest NPS answer given at or after <paramref name="since"/>.</summary>
    public async Task<Dictionary<string, int>> LatestNpsAsync(string tenantId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = connection.QueryUnbufferedAsync<ScoreRow>(
            """
            SELECT member_id, score, answered_at, response_id FROM survey_responses
            WHERE tenant_id = @tenantId AND kind = 'nps' AND answered_at >= @since
            ORDER BY member_id, answered_at, response_id
            """, new { tenantId, since });
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in rows.WithCancellation(ct))
        {
            latest[row.MemberId] = row.Score;
        }
        return latest;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class ScoreRow
    {
        public string MemberId { get; set; } = "";
        public int Score { get; set; }
        public DateTimeOffset AnsweredAt { get; set; }
        public string ResponseId { get; set; } = "";
    }

    private sealed class CountRow
    {
        public string Kind { get; set; } = "";
        public int Score { get; set; }
        public string AnsweredOn { get; set; } = "";
        public string? Channel { get; set; }
        public string? TierId { get; set; }
        public long Answers { get; set; }
    }
}
