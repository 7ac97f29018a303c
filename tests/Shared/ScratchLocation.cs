using Npgsql;

namespace Tango.Tests.Shared;

/// <summary>
/// Where a test's store lives: a fresh SQLite file in a temporary folder, or a fresh database on the
/// PostgreSQL named by TANGO_TEST_POSTGRES (scripts/test.sh starts one). A PostgreSQL that cannot be
/// reached fails the test; it is never skipped. Compiled into every test project that needs a store.
/// </summary>
public sealed class ScratchLocation : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresDatabase;

    private ScratchLocation(string location, string? directory, string? postgresDatabase)
    {
        Location = location;
        _directory = directory;
        _postgresDatabase = postgresDatabase;
    }

    /// <summary>What `--database` takes: a SQLite file path or a PostgreSQL connection string.</summary>
    public string Location { get; }

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("TANGO_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=5432;Username=tango;Password=tango;Database=tango";

    public static async Task<ScratchLocation> CreateAsync(bool postgres, string prefix)
    {
        if (!postgres)
        {
            var dir = Path.Combine(Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return new ScratchLocation(Path.Combine(dir, "tango.db"), dir, null);
        }
        var name = prefix.Replace('-', '_') + "_" + Guid.NewGuid().ToString("N")[..16];
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
        return new ScratchLocation(builder.ConnectionString, null, name);
    }

    public async ValueTask DisposeAsync()
    {
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
