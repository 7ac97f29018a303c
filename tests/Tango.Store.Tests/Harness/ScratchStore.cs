using Tango.Store.Infrastructure;
using Tango.Tests.Shared;

namespace Tango.Store.Tests.Harness;

/// <summary>
/// A store of the test's own: a fresh SQLite file, or a fresh database on the PostgreSQL named by
/// TANGO_TEST_POSTGRES. A PostgreSQL that cannot be reached fails the test; it is never skipped, so a
/// green run always means both stores were exercised.
/// </summary>
public sealed class ScratchStore : IAsyncDisposable
{
    private readonly ScratchLocation _location;
    private readonly List<Database> _opened = [];

    private ScratchStore(StoreKind kind, ScratchLocation location)
    {
        Kind = kind;
        _location = location;
    }

    public StoreKind Kind { get; }

    /// <summary>What `--database` takes: a SQLite file path or a PostgreSQL connection string.</summary>
    public string Location => _location.Location;

    public static TheoryData<StoreKind> Both => new() { StoreKind.Sqlite, StoreKind.Postgres };

    public static string PostgresAdmin => ScratchLocation.PostgresAdmin;

    public static async Task<ScratchStore> CreateAsync(StoreKind kind) =>
        new(kind, await ScratchLocation.CreateAsync(kind == StoreKind.Postgres, "tango-store-tests"));

    /// <summary>A Database over this store, closed with it. Two calls give two independent pools, like two nodes.</summary>
    public Database Open()
    {
        var db = Database.Open(Location);
        _opened.Add(db);
        return db;
    }

    /// <summary>A Database over this store with the schema applied.</summary>
    public async Task<Database> OpenMigratedAsync()
    {
        var db = Open();
        await Migrator.MigrateAsync(db, TimeProvider.System);
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _opened)
        {
            await db.DisposeAsync();
        }
        await _location.DisposeAsync();
    }
}
