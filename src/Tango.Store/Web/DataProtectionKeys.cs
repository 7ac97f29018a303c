using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Web;

/// <summary>
/// The rows behind ASP.NET Core Data Protection's key ring (the host adapts this to an IXmlRepository): each key is
/// one XML element under a unique name. Keys are only ever added; the key manager retires them by writing a
/// revocation element, and a second node adding the same name finds it already there.
/// </summary>
public sealed class DataProtectionKeys(Database db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name")).ToList();
    }

    public async Task AddAsync(string name, string xml, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        await connection.ExecuteAsync(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
            new { name, xml, now = clock.GetUtcNow() }, tx);
        await tx.CommitAsync(ct);
    }
}
