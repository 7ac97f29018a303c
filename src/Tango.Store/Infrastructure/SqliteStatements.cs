using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Tango.Store.Infrastructure;

/// <summary>
/// The statements the SQLite writer runs for every purchase, prepared once per connection and reused with new
/// values. Microsoft.Data.Sqlite keeps no statement cache across commands, so a new command per call (as Dapper
/// makes) parses and plans its SQL every time; that was most of the writer's work per row. The writer keeps its
/// connection between batches, so the cache lives as long as it does; closing the connection finalizes the statements.
/// Only constant SQL comes here (keyed by its text), so the cache holds a handful of statements per connection.
/// </summary>
internal sealed class SqliteStatements
{
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteStatements> s_byConnection = new();
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The connection's command for <paramref name="sql"/>, joined to the scope's transaction.</summary>
    public static SqliteCommand For(WriteScope scope, string sql)
    {
        var connection = (SqliteConnection)scope.Connection;
        var statements = s_byConnection.GetValue(connection, _ => new SqliteStatements());
        if (!statements._commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            statements._commands[sql] = command;
        }
        // Each batch has its own transaction; SQLite refuses a command that names another.
        command.Transaction = (SqliteTransaction)scope.Transaction;
        return command;
    }

    public static Task<int> ExecuteAsync(WriteScope scope, string sql, IEnumerable<KeyValuePair<string, object?>> args) =>
        For(scope, sql).Bind(args).ExecuteNonQueryAsync();

    /// <summary>The first row as Dapper maps it, or null.</summary>
    public static async Task<T?> QueryFirstOrDefaultAsync<T>(WriteScope scope, string sql, IEnumerable<KeyValuePair<string, object?>> args)
        where T : class
    {
        await using var reader = await For(scope, sql).Bind(args).ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetRowParser<T>()(reader) : null;
    }

    /// <summary>Every row as Dapper maps it (a single column for a value type).</summary>
    public static async Task<List<T>> QueryAsync<T>(WriteScope scope, string sql, IEnumerable<KeyValuePair<string, object?>> args)
    {
        var values = new List<T>();
        await using var reader = await For(scope, sql).Bind(args).ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            var parse = ((DbDataReader)reader).GetRowParser<T>();
            do
            {
                values.Add(parse(reader));
            }
            while (await reader.ReadAsync());
        }
        return values;
    }
}

internal static class SqliteCommandBinding
{
    /// <summary>Sets each named parameter (adding it on first use), with values as the store keeps them on SQLite.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, IEnumerable<KeyValuePair<string, object?>> args)
    {
        var parameters = command.Parameters;
        var bound = 0;
        foreach (var (name, value) in args)
        {
            bound++;
            var stored = value switch
            {
                null => DBNull.Value,
                // As DapperSetup writes instants: fixed-width UTC text that sorts in time order.
                DateTimeOffset at => DapperSetup.ToSqliteText(at),
                _ => value,
            };
            var index = parameters.IndexOf("@" + name);
            if (index < 0)
            {
                parameters.AddWithValue("@" + name, stored);
            }
            else
            {
                parameters[index].Value = stored;
            }
        }
        if (bound != parameters.Count)
        {
            // A reused statement must get every value anew, or it would silently run with the last call's.
            throw new InvalidOperationException($"A cached statement was bound with {bound} values but has {parameters.Count} parameters.");
        }
        return command;
    }
}
