using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Tango.Store.Infrastructure;

namespace Tango.Store.Coupons;

/// <summary>
/// Inserts a batch's codes, skipping any already in the store, and asks for replacements until the batch is
/// whole. PostgreSQL takes each round of codes as one array statement; SQLite, in-process, one prepared
/// statement per code. Both keep uniqueness to the coupons table's key.
/// </summary>
internal static class CouponCodeWrites
{
    private const int MaxRounds = 10;

    /// <param name="draw">Draws that many new codes (distinct among themselves).</param>
    public static async Task InsertAsync(WriteScope scope, string tenantId, string batchId, int count, Func<int, List<string>> draw)
    {
        var missing = count;
        for (var round = 0; missing > 0; round++)
        {
            if (round == MaxRounds)
            {
                throw new InvalidOperationException($"Could not find {count} free codes in {MaxRounds} rounds; the pattern is too crowded.");
            }
            var codes = draw(missing);
            var inserted = scope.Db.Kind == StoreKind.Postgres
                ? await InsertSetAsync(scope, tenantId, batchId, codes)
                : await InsertEachAsync(scope, tenantId, batchId, codes);
            missing -= inserted;
        }
    }

    private static async Task<int> InsertSetAsync(WriteScope scope, string tenantId, string batchId, List<string> codes)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO coupons (code, tenant_id, batch_id, uses, status)
            SELECT code, $2, $3, 0, 'active' FROM unnest($1::text[]) AS c(code)
            ON CONFLICT (code) DO NOTHING
            """, (NpgsqlConnection)scope.Connection, (NpgsqlTransaction)scope.Transaction);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = codes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = batchId });
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> InsertEachAsync(WriteScope scope, string tenantId, string batchId, List<string> codes)
    {
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = """
            INSERT INTO coupons (code, tenant_id, batch_id, uses, status) VALUES ($code, $tenant, $batch, 0, 'active')
            ON CONFLICT (code) DO NOTHING
            """;
        var code = Parameter(command, "$code", "");
        Parameter(command, "$tenant", tenantId);
        Parameter(command, "$batch", batchId);
        await command.PrepareAsync();
        var inserted = 0;
        foreach (var value in codes)
        {
            code.Value = value;
            inserted += await command.ExecuteNonQueryAsync();
        }
        return inserted;
    }

    private static DbParameter Parameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
