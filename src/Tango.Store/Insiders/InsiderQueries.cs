using System.Data.Common;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Insiders;

/// <summary>Reads of insider groups: the groups with their counts, feedback, and a member's part in them.</summary>
public sealed class InsiderQueries(Database db)
{
    public async Task<IReadOnlyList<InsiderGroupView>> GroupsAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var keys = await connection.QueryAsync<string>("SELECT group_key FROM insider_groups WHERE tenant_id = @tenantId ORDER BY created_at, group_key",
            new { tenantId });
        var groups = new List<InsiderGroupView>();
        foreach (var key in keys)
        {
            groups.Add((await GroupAsync(connection, null, tenantId, key))!);
        }
        return groups;
    }

    public async Task<InsiderGroupView?> GroupAsync(string tenantId, string key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await GroupAsync(connection, null, tenantId, key);
    }

    /// <summary>The group's feedback, newest first; the cursor is the last feedback id seen (ids are time-ordered).</summary>
    public async Task<(IReadOnlyList<InsiderFeedback> Items, string? Next)?> FeedbackAsync(string tenantId, string key, int limit, string? before,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await GroupAsync(connection, null, tenantId, key) is null)
        {
            return null;
        }
        var rows = (await connection.QueryAsync<FeedbackRow>(
            $"""
            SELECT feedback_id, group_key, member_id, at, rating, text FROM insider_feedback
            WHERE tenant_id = @tenantId AND group_key = @key {(before is null ? "" : "AND feedback_id < @before")}
            ORDER BY feedback_id DESC LIMIT @take
            """, new { tenantId, key, before, take = limit + 1 })).ToList();
        var page = rows.Take(limit).Select(r => r.ToFeedback()).ToList();
        return (page, rows.Count > limit ? page[^1].FeedbackId : null);
    }

    /// <summary>The groups the member was invited to, with their standing and their feedback, newest first.</summary>
    public static async Task<IReadOnlyList<MemberInsiderView>> ForMemberAsync(DbConnection connection, string tenantId, string memberId)
    {
        var invitations = await connection.QueryAsync<MemberInvitationRow>(
            """
            SELECT i.group_key, g.name, i.status, i.invited_at, i.responded_at FROM insider_invitations i
            JOIN insider_groups g ON g.tenant_id = i.tenant_id AND g.group_key = i.group_key
            WHERE i.tenant_id = @tenantId AND i.member_id = @memberId ORDER BY i.invited_at DESC, i.group_key
            """, new { tenantId, memberId });
        var feedback = (await connection.QueryAsync<FeedbackRow>(
            """
            SELECT feedback_id, group_key, member_id, at, rating, text FROM insider_feedback
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY feedback_id DESC
            """, new { tenantId, memberId })).Select(r => r.ToFeedback()).ToLookup(f => f.Group);
        return invitations.Select(i => new MemberInsiderView(i.GroupKey, i.Name, i.Status, i.InvitedAt, i.RespondedAt, feedback[i.GroupKey].ToList()))
            .ToList();
    }

    internal static async Task<InsiderGroupView?> GroupAsync(DbConnection connection, DbTransaction? tx, string tenantId, string key)
    {
        var group = await connection.QuerySingleOrDefaultAsync<GroupRow>(
            """
            SELECT group_key, name, description, status, created_at, updated_at FROM insider_groups
            WHERE tenant_id = @tenantId AND group_key = @key
            """, new { tenantId, key }, tx);
        if (group is null)
        {
            return null;
        }
        var counts = await connection.QuerySingleAsync<CountsRow>(
            """
            SELECT count(*) AS invited,
                   CAST(COALESCE(sum(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0) AS bigint) AS accepted,
                   CAST(COALESCE(sum(CASE WHEN status = 'declined' THEN 1 ELSE 0 END), 0) AS bigint) AS declined,
                   (SELECT count(*) FROM insider_feedback f WHERE f.tenant_id = @tenantId AND f.group_key = @key) AS feedback,
                   (SELECT count(DISTINCT f.member_id) FROM insider_feedback f WHERE f.tenant_id = @tenantId AND f.group_key = @key) AS feedback_members
            FROM insider_invitations WHERE tenant_id = @tenantId AND group_key = @key
            """, new { tenantId, key }, tx);
        var answered = counts.Accepted + counts.Declined;
        return new InsiderGroupView(group.GroupKey, group.Name, group.Description, group.Status, group.CreatedAt, group.UpdatedAt,
            new InsiderCounts(counts.Invited, counts.Accepted, counts.Declined, counts.Invited - answered, counts.Feedback, counts.FeedbackMembers,
                counts.Invited == 0 ? null : Math.Round((double)counts.Accepted / counts.Invited, 4)));
    }

    internal static async Task<InsiderInvitation?> InvitationAsync(DbConnection connection, DbTransaction? tx, string tenantId, string key, string memberId) =>
        (await connection.QuerySingleOrDefaultAsync<InvitationRow>(
            """
            SELECT group_key, member_id, status, invited_via, invited_at, responded_at FROM insider_invitations
            WHERE tenant_id = @tenantId AND group_key = @key AND member_id = @memberId
            """, new { tenantId, key, memberId }, tx))?.ToInvitation();

    private sealed class GroupRow
    {
        public string GroupKey { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class CountsRow
    {
        public long Invited { get; init; }
        public long Accepted { get; init; }
        public long Declined { get; init; }
        public long Feedback { get; init; }
        public long FeedbackMembers { get; init; }
    }

    private sealed class InvitationRow
    {
        public string GroupKey { get; init; } = "";
        public string MemberId { get; init; } = "";
        public string Status { get; init; } = "";
        public string InvitedVia { get; init; } = "";
        public DateTimeOffset InvitedAt { get; init; }
        public DateTimeOffset? RespondedAt { get; init; }

        public InsiderInvitation ToInvitation() => new(GroupKey, MemberId, Status, InvitedVia, InvitedAt, RespondedAt);
    }

    private sealed class MemberInvitationRow
    {
        public string GroupKey { get; init; } = "";
        public string Name { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset InvitedAt { get; init; }
        public DateTimeOffset? RespondedAt { get; init; }
    }

    private sealed class FeedbackRow
    {
        public string FeedbackId { get; init; } = "";
        public string GroupKey { get; init; } = "";
        public string MemberId { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public int? Rating { get; init; }
        public string Text { get; init; } = "";

        public InsiderFeedback ToFeedback() => new(FeedbackId, GroupKey, MemberId, At, Rating, Text);
    }
}
