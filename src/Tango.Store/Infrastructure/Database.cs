using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tango.Store.Infrastructure;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// The one place that knows which engine is behind the store. Everything that differs between
/// SQLite and PostgreSQL (connection setup, locking clauses, unique-violation detection) lives here.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    private Database(StoreKind kind, string display, NpgsqlDataSource? postgres, string? sqlite)
    {
        Kind = kind;
        Display = display;
        _postgres = postgres;
        _sqliteConnectionString = sqlite;
    }

    public StoreKind Kind { get; }

    /// <summary>Where the store is, without secrets, for logs and `tango` output.</summary>
    public string Display { get; }

    /// <summary>Appended to a SELECT that reads a row it is about to change.</summary>
    public string ForUpdate => Kind == StoreKind.Postgres ? " FOR UPDATE" : "";

    /// <summary>SQL for the id of the ledger line inserted just before, in the same command.</summary>
    public string LastInsertedId => Kind == StoreKind.Postgres ? "lastval()" : "last_insert_rowid()";

    /// <summary>
    /// A PostgreSQL connection string (it contains '=') or else a SQLite file path.
    /// </summary>
    public static Database Open(string location)
    {
        DapperSetup.EnsureConfigured();
        if (location.Contains('=', StringComparison.Ordinal))
        {
            var builder = new NpgsqlConnectionStringBuilder(location);
            if (builder.MaxPoolSize < 50)
            {
                builder.MaxPoolSize = 50;
            }
            // The write path repeats a handful of statements; preparing them spares PostgreSQL a parse and plan each time.
            if (builder.MaxAutoPrepare == 0)
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 3;
            }
            // Plan each statement for its actual arguments, on every connection (writers and API reads alike). A generic
            // plan is kept for a prepared statement's life, so one made while a table was empty (a fresh store, the first
            // minutes of a bench) keeps scanning it the wrong way after it has grown. A startup option survives the pool's reset.
            if (builder.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
            {
                builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
            }
            var source = NpgsqlDataSource.Create(builder.ConnectionString);
            return new Database(StoreKind.Postgres, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}", source, null);
        }

        var full = Path.GetFullPath(location);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new Database(StoreKind.Sqlite, full, null, sqlite);
    }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(ct);
        // WAL lets readers run beside the single writer; synchronous=FULL keeps an acknowledged
        // commit on disk through a power cut, not only a process crash. A 32 MiB page cache (the default is
        // 2 MiB) keeps the inner pages of the indexes a purchase writes in memory once a store holds a million
        // members; pooled connections keep their cache between uses.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>
    /// Starts a write transaction. On SQLite BEGIN IMMEDIATE takes the write lock up front, so two
    /// processes on one file queue instead of failing on lock upgrade.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            return await Task.FromResult(sqlite.BeginTransaction(deferred: false));
        }
        return await connection.BeginTransactionAsync(ct);
    }

    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    /// <summary>Deadlocks and serialization failures: the work is sound, run it again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
