using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Tests.Harness;

/// <summary>A unique key (a primary key or a unique index) and its columns; an expression's place is null.</summary>
public sealed record UniqueKey(string Table, string Name, IReadOnlyList<string?> Columns);

/// <summary>
/// A fresh PostgreSQL database with every migration applied, and what its catalog says about its tables: read once
/// and shared by the tests of a class.
/// </summary>
public sealed class MigratedPostgresSchema : IAsyncLifetime
{
    private const string UniqueKeysSql = """
        SELECT t.relname AS "Table", i.relname AS "Name", array_agg(a.attname::text ORDER BY k.ord) AS "Columns"
        FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        CROSS JOIN LATERAL unnest(x.indkey::smallint[]) WITH ORDINALITY AS k(attnum, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = 'public' AND x.indisunique AND k.ord <= x.indnkeyatts
        GROUP BY t.relname, i.relname
        """;

    private ScratchStore? _store;

    public IReadOnlySet<string> Tables { get; private set; } = new HashSet<string>();

    public IReadOnlyList<UniqueKey> UniqueKeys { get; private set; } = [];

    public IReadOnlySet<(string Table, string Column)> NotNullColumns { get; private set; } = new HashSet<(string, string)>();

    public async Task InitializeAsync()
    {
        _store = await ScratchStore.CreateAsync(StoreKind.Postgres);
        var db = await _store.OpenMigratedAsync();
        await using var connection = await db.OpenConnectionAsync();
        Tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).ToHashSet();
        UniqueKeys = (await connection.QueryAsync<(string Table, string Name, string?[] Columns)>(UniqueKeysSql))
            .Select(k => new UniqueKey(k.Table, k.Name, k.Columns)).ToList();
        NotNullColumns = (await connection.QueryAsync<(string Table, string Column)>(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND is_nullable = 'NO'
            """)).ToHashSet();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
