using Npgsql;
using Tango.Store.Infrastructure;

namespace Tango.Store.Tests.Harness;

/// <summary>
/// A store of the test's own: a fresh SQLite file, or a fresh database on the PostgreSQL named by
/// TANGO_TEST_POSTGRES. A PostgreSQL that cannot be reached fails the test; it is never skipped, so a
/// green run always means both stores were exercised.
/// </summary>
public sealed class ScratchStore : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresDatabase;
    private readonly List<Database> _opened = [];

    private ScratchStore(StoreKind kind, string location, string? directory, string? postgresDatabase)
    {
        Kind = kind;
        Location = location;
        _directory = directory;
        _postgresDatabase = postgresDatabase;
    }

    public StoreKind Kind { get; }

    /// <summary>What `--database` takes: a SQLite file path or a PostgreSQL connection string.</summary>
    public string Location { get; }

    public static TheoryData<StoreKind> Both => new() { StoreKind.Sqlite, StoreKind.Postgres };

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("TANGO_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=5432;Username=tango;Password=tango;Database=tango";

    public static async Task<ScratchStore> CreateAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "tango-store-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return new ScratchStore(kind, Path.Combine(dir, "tango.db"), dir, null);
        }
        var name = "tango_store_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            try
            {
                await admin.OpenAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not reachable at TANGO_TEST_POSTGRES ({PostgresAdmin}); run scripts/postgres-start.sh.", ex);
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name };
        return new ScratchStore(kind, builder.ConnectionString, null, name);
    }

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
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
