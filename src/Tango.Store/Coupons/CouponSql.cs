using System.Data.Common;
using Dapper;
using Tango.Domain.Coupons;

namespace Tango.Store.Coupons;

/// <summary>A code with its batch's terms, and the reads validation and redemption share.</summary>
internal sealed class CodeRow
{
    public string Code { get; init; } = "";
    public long Uses { get; init; }
    public string Status { get; init; } = "";
    public BatchRow Batch { get; set; } = new();
}

internal static class CouponSql
{
    /// <param name="lockCode">Row-locks the code (PostgreSQL) so concurrent redemptions of it queue.</param>
    public static async Task<CodeRow?> FindAsync(DbConnection connection, DbTransaction? tx, string tenantId, string code, bool lockCode)
    {
        var rows = await connection.QueryAsync<CodeRow, BatchRow, CodeRow>(
            $"""
            SELECT c.code, c.uses, c.status, {BatchRow.Columns}
            FROM coupons c JOIN coupon_batches b ON b.tenant_id = c.tenant_id AND b.batch_id = c.batch_id
            WHERE c.tenant_id = @tenantId AND c.code = @code{(lockCode && connection is Npgsql.NpgsqlConnection ? " FOR UPDATE OF c" : "")}
            """,
            (c, b) =>
            {
                c.Batch = b;
                return c;
            },
            new { tenantId, code }, tx, splitOn: "batch_id");
        return rows.SingleOrDefault();
    }

    /// <summary>How often the member used codes of this batch.</summary>
    public static Task<long> MemberUsesAsync(DbConnection connection, DbTransaction? tx, string tenantId, string batchId, string? memberId) =>
        memberId is null
            ? Task.FromResult(0L)
            : connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM coupon_redemptions WHERE tenant_id = @tenantId AND batch_id = @batchId AND member_id = @memberId",
                new { tenantId, batchId, memberId }, tx);

    public static CouponVerdict Verdict(CodeRow? row, string code, long memberUses, string? memberId, decimal? orderTotal, DateTimeOffset now) =>
        row is null ? CouponCheck.Unknown(code)
        : row.Status == "void" ? new CouponVerdict(false, 0m, CouponReasons.Void, "The coupon was withdrawn.")
        : CouponCheck.Check(row.Batch.Terms(), new CouponUsage(row.Uses, memberUses), memberId, orderTotal, now);
}
