using Npgsql;
using NpgsqlTypes;

namespace Tango.Store.Infrastructure;

/// <summary>
/// Several PostgreSQL statements sent in one round trip (an <see cref="NpgsqlBatch"/>). The write path
/// uses it for set-based statements: each takes whole columns as array parameters ($1, $2, ...) and
/// works on every row of a group commit at once, so a batch costs a handful of statements, not a
/// handful per event. Arrays keep the statement text fixed whatever the batch size, so it is parsed once
/// per connection.
/// </summary>
internal sealed class SqlBatch : IAsyncDisposable
{
    private readonly NpgsqlBatch _batch;

    public SqlBatch(WriteScope scope)
    {
        _batch = new NpgsqlBatch((NpgsqlConnection)scope.Connection, (NpgsqlTransaction)scope.Transaction);
    }

    public int Count => _batch.BatchCommands.Count;

    public SqlBatch Add(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        _batch.BatchCommands.Add(command);
        return this;
    }

    public async Task ExecuteAsync()
    {
        if (Count > 0)
        {
            await _batch.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs the statements; the reader yields one result set per statement, in order.</summary>
    public async Task<NpgsqlDataReader> ReadAsync() => await _batch.ExecuteReaderAsync();

    public ValueTask DisposeAsync() => _batch.DisposeAsync();

    public static NpgsqlParameter Text(string value) => new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter Text(IEnumerable<string?> values) => Array(NpgsqlDbType.Text, values.ToArray());

    public static NpgsqlParameter Bigint(IEnumerable<long> values) => Array(NpgsqlDbType.Bigint, values.ToArray());

    public static NpgsqlParameter Bigint(IEnumerable<long?> values) => Array(NpgsqlDbType.Bigint, values.ToArray());

    public static NpgsqlParameter Integer(IEnumerable<int?> values) => Array(NpgsqlDbType.Integer, values.ToArray());

    public static NpgsqlParameter Instants(IEnumerable<DateTimeOffset> values) =>
        Array(NpgsqlDbType.TimestampTz, values.Select(v => v.UtcDateTime).ToArray());

    public static NpgsqlParameter Instants(IEnumerable<DateTimeOffset?> values) =>
        Array(NpgsqlDbType.TimestampTz, values.Select(v => v?.UtcDateTime).ToArray());

    public static NpgsqlParameter Instant(DateTimeOffset value) =>
        new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.UtcDateTime };

    private static NpgsqlParameter<T[]> Array<T>(NpgsqlDbType element, T[] values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | element, TypedValue = values };
}
