using System.Data.Common;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Members;

/// <summary>Member rows inside a write: the lock every change to a member's points starts with.</summary>
internal static class MemberSql
{
    /// <summary>The segment is the RFM segment of the last analytics refresh (see <see cref="SegmentOf"/>).</summary>
    internal const string Columns = $"""
        tenant_id, member_id, email, phone, name, birth_date, time_zone, locale, referred_by_code,
        consent_email, consent_sms, tier_id, {SegmentOf} AS segment, points_balance, wallet_minor, created_at, updated_at, erased_at
        """;

    /// <summary>Analytics keeps segments in its own table, so a refresh never locks a member row.</summary>
    internal const string SegmentOf =
        "(SELECT i.rfm_segment FROM member_insights i WHERE i.tenant_id = members.tenant_id AND i.member_id = members.member_id)";

    public static Task<MemberRow?> FindAsync(DbConnection connection, DbTransaction? tx, string tenantId, string memberId) =>
        connection.QuerySingleOrDefaultAsync<MemberRow>(
            $"SELECT {Columns} FROM members WHERE tenant_id = @tenantId AND member_id = @memberId",
            new { tenantId, memberId }, tx);

    /// <summary>Reads and row-locks the member (PostgreSQL); SQLite's write lock already covers it.</summary>
    public static Task<MemberRow?> LockAsync(WriteScope scope, string tenantId, string memberId) =>
        scope.Connection.QuerySingleOrDefaultAsync<MemberRow>(
            $"SELECT {Columns} FROM members WHERE tenant_id = @tenantId AND member_id = @memberId{scope.Db.ForUpdate}",
            new { tenantId, memberId }, scope.Transaction);

    public static async Task<MemberRow> InsertAsync(WriteScope scope, string tenantId, NewMember m, DateTimeOffset now)
    {
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO members (tenant_id, member_id, email, phone, name, birth_date, time_zone, locale, referred_by_code,
                                 consent_email, consent_sms, points_balance, wallet_minor, created_at, updated_at)
            VALUES (@tenantId, @Id, @Email, @Phone, @Name, @BirthDate, @TimeZone, @Locale, @ReferredByCode,
                    @consentEmail, @consentSms, 0, 0, @now, @now)
            """,
            new
            {
                tenantId,
                m.Id,
                m.Email,
                m.Phone,
                m.Name,
                m.BirthDate,
                m.TimeZone,
                m.Locale,
                m.ReferredByCode,
                consentEmail = m.Consent.Email,
                consentSms = m.Consent.Sms,
                now,
            }, scope.Transaction);
        return new MemberRow
        {
            TenantId = tenantId,
            MemberId = m.Id,
            Email = m.Email,
            Phone = m.Phone,
            Name = m.Name,
            BirthDate = m.BirthDate,
            TimeZone = m.TimeZone,
            Locale = m.Locale,
            ReferredByCode = m.ReferredByCode,
            ConsentEmail = m.Consent.Email,
            ConsentSms = m.Consent.Sms,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Enrols a member first seen in an event, unless another writer just did (then it is a no-op).</summary>
    public const string EnrolSql = """
        INSERT INTO members (tenant_id, member_id, consent_email, consent_sms, points_balance, wallet_minor, created_at, updated_at)
        VALUES (@tenantId, @memberId, @no, @no, 0, 0, @now, @now)
        ON CONFLICT (tenant_id, member_id) DO NOTHING
        """;

    public static Dictionary<string, object?> EnrolArgs(string tenantId, string memberId, DateTimeOffset now) => new()
    {
        ["tenantId"] = tenantId,
        ["memberId"] = memberId,
        ["no"] = false,
        ["now"] = now,
    };

    public static Task AddToBalancesAsync(WriteScope scope, string tenantId, string memberId, long points, long walletMinor, DateTimeOffset now) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE members SET points_balance = points_balance + @points, wallet_minor = wallet_minor + @walletMinor, updated_at = @now
            WHERE tenant_id = @tenantId AND member_id = @memberId
            """,
            new { tenantId, memberId, points, walletMinor, now }, scope.Transaction);
}
