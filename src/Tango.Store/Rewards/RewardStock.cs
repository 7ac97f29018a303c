using System.Data.Common;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Rewards;

/// <summary>
/// Units of a reward taken so far. Taking one is a guarded UPDATE (taken &lt; stock), so concurrent takers
/// queue on the row and stock never goes below zero.
/// </summary>
internal static class RewardStock
{
    public static async Task<bool> TakeAsync(WriteScope scope, string tenantId, string rewardId, int stock)
    {
        var args = new { tenantId, rewardId, stock };
        await scope.Connection.ExecuteAsync(
            "INSERT INTO reward_stock (tenant_id, reward_id, taken) VALUES (@tenantId, @rewardId, 0) ON CONFLICT (tenant_id, reward_id) DO NOTHING",
            args, scope.Transaction);
        return await scope.Connection.ExecuteAsync(
            "UPDATE reward_stock SET taken = taken + 1 WHERE tenant_id = @tenantId AND reward_id = @rewardId AND taken < @stock",
            args, scope.Transaction) == 1;
    }

    public static async Task<Dictionary<string, long>> TakenAsync(DbConnection connection, DbTransaction? tx, string tenantId)
    {
        var rows = await connection.QueryAsync<(string RewardId, long Taken)>(
            "SELECT reward_id, taken FROM reward_stock WHERE tenant_id = @tenantId", new { tenantId }, tx);
        return rows.ToDictionary(r => r.RewardId, r => r.Taken, StringComparer.Ordinal);
    }
}
