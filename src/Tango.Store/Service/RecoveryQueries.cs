using Dapper;
using Tango.Domain.Service;
using Tango.Store.Infrastructure;

namespace Tango.Store.Service;

public sealed class RecoveryQueries(Database db)
{
    public async Task<RecoveryCase?> GetAsync(string tenantId, string caseId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RecoveryRow>(
            RecoveryRow.Select + " WHERE c.tenant_id = @tenantId AND c.case_id = @caseId", new { tenantId, caseId });
        return row?.ToCase();
    }

    /// <summary>Oldest first, so staff work through the queue in order; the cursor is the last case id (ids are time-ordered).</summary>
    public async Task<(IReadOnlyList<RecoveryCase> Items, string? Next)> ListAsync(string tenantId, RecoveryFilter filter, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var where = new List<string> { "c.tenant_id = @tenantId" };
        if (filter.Status is not null)
        {
            where.Add("c.status = @status");
        }
        if (filter.MemberId is not null)
        {
            where.Add("c.member_id = @MemberId");
        }
        if (filter.After is not null)
        {
            where.Add("c.case_id > @After");
        }
        var status = filter.Status is { } s ? ServiceNames.Name(s) : null;
        var rows = (await connection.QueryAsync<RecoveryRow>(
            $"{RecoveryRow.Select} WHERE {string.Join(" AND ", where)} ORDER BY c.case_id LIMIT @take",
            new { tenantId, status, filter.MemberId, filter.After, take = filter.Limit + 1 })).ToList();
        var items = rows.Take(filter.Limit).Select(r => r.ToCase()).ToList();
        return (items, rows.Count > filter.Limit ? items[^1].CaseId : null);
    }
}
