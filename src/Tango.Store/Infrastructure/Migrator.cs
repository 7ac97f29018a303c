using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Tango.Store.Infrastructure;

/// <summary>
/// Applies the versioned scripts under Migrations/{Sqlite|Postgres} in order, each in its own
/// transaction. Nodes starting together serialise on an advisory lock (PostgreSQL) or the write lock (SQLite).
/// </summary>
public static class Migrator
{
    private const long AdvisoryLockKey = 0x74616e676f; // "tango"

    public static IReadOnlyList<(int Version, string Name)> Scripts(StoreKind kind)
    {
        var prefix = $"Tango.Store.Migrations.{kind}.";
        return typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 4), System.Globalization.CultureInfo.InvariantCulture), Name: n))
            .OrderBy(s => s.Version)
            .ToList();
    }

    public static async Task<int> MigrateAsync(Database db, TimeProvider clock, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (db.Kind == StoreKind.Postgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey });
        }
        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)");
            var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
            var count = 0;
            foreach (var (version, name) in Scripts(db.Kind))
            {
                if (applied.Contains(version))
                {
                    continue;
                }
                if (await ApplyAsync(db, connection, version, Read(name), clock, ct))
                {
                    count++;
                }
            }
            return count;
        }
        finally
        {
            if (db.Kind == StoreKind.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
            }
        }
    }

    public static async Task<bool> IsCurrentAsync(Database db, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var latest = Scripts(db.Kind).Max(s => s.Version);
        try
        {
            var applied = await connection.ExecuteScalarAsync<int?>("SELECT max(version) FROM schema_migrations");
            return applied == latest;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Returns false when another process applied the script while this one waited for the lock.</summary>
    private static async Task<bool> ApplyAsync(Database db, DbConnection connection, int version, string sql, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(connection, ct);
        // SQLite may have been migrated by another process while we waited for the write lock.
        var done = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM schema_migrations WHERE version = @version", new { version }, tx);
        if (done == 0)
        {
            await connection.ExecuteAsync(sql, transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                new { version, at = clock.GetUtcNow().ToString("O") }, tx);
        }
        await tx.CommitAsync(ct);
        return done == 0;
    }

    private static string Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing migration {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
